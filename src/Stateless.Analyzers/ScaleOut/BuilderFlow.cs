using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>What became of a builder value: a goal method was called on it, it was dropped without one, or it left code we can see.</summary>
internal enum BuilderOutcome
{
    /// <summary>The builder was used up (chain ended, value discarded) and no goal method was called on it.</summary>
    Missing = 0,

    /// <summary>The builder reached code we cannot see (a method in another type or assembly, a collection, a caller): no judgement.</summary>
    Unknown = 1,

    /// <summary>A goal method (<c>PersistKeysTo*</c>, a backplane) was called on the builder.</summary>
    Found = 2,
}

/// <summary>
/// Follows a builder value (<c>IDataProtectionBuilder</c>, <c>ISignalRServerBuilder</c>) through the code of one type:
/// the fluent chain, locals, fields and auto-properties of the type, helper methods of the type and local functions
/// it is passed to (their parameter is followed the same way), and the callers in the type of a private helper that
/// returns it. Methods of referenced assemblies that take the builder as receiver are fluent steps; methods of this
/// compilation outside the type are fluent steps too unless their text names a goal. A builder that reaches code
/// we cannot judge (such a method that names a goal, an argument of a referenced method, a collection, a caller
/// outside the type) makes the outcome <see cref="BuilderOutcome.Unknown"/>.
/// </summary>
internal sealed class BuilderFlow
{
    private const int MaxDepth = 16;

    private readonly FlowScope _scope;
    private readonly INamedTypeSymbol _builderType;
    private readonly Func<IMethodSymbol, bool> _isGoal;
    private readonly Func<string, bool> _isGoalName;
    private readonly HashSet<ISymbol> _visited = new(SymbolEqualityComparer.Default);

    /// <param name="scope">The code of the type being analysed.</param>
    /// <param name="builderType">The builder interface whose values are followed.</param>
    /// <param name="isGoal">Whether a call on the builder is the goal (persists keys, adds a backplane).</param>
    /// <param name="isGoalName">Whether a simple name in a method body we cannot bind may be a goal call.</param>
    public BuilderFlow(FlowScope scope, INamedTypeSymbol builderType, Func<IMethodSymbol, bool> isGoal, Func<string, bool> isGoalName)
    {
        _scope = scope;
        _builderType = builderType;
        _isGoal = isGoal;
        _isGoalName = isGoalName;
    }

    /// <summary>Follows the value produced by <paramref name="value"/> (for example the <c>AddDataProtection()</c> call).</summary>
    public BuilderOutcome Follow(IOperation value)
    {
        _visited.Clear();
        return Track(value, 0);
    }

    private BuilderOutcome Track(IOperation value, int depth)
    {
        if (depth > MaxDepth)
        {
            return BuilderOutcome.Unknown;
        }

        var current = value.WithEnclosingConversions();

        switch (current.Parent)
        {
            case null:
                return BuilderOutcome.Missing;

            case IExpressionStatementOperation:
                return BuilderOutcome.Missing;

            case IInvocationOperation invocation when invocation.Instance == current:
                return Called(invocation, parameter: null, depth);

            case IArgumentOperation { Parent: IInvocationOperation invocation } argument:
                return Called(invocation, argument.Parameter, depth);

            case IArgumentOperation:
                return BuilderOutcome.Unknown;

            case IPropertyReferenceOperation or IFieldReferenceOperation or IMethodReferenceOperation:
                // builder.Services and the like: reads a member of the builder, the builder itself goes no further.
                return BuilderOutcome.Missing;

            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return TrackLocal(declarator.Symbol, depth);

            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return Assigned(assignment, depth);

            case IConditionalOperation conditional when conditional.Condition != current:
                return Track(conditional, depth + 1);

            case ICoalesceOperation coalesce:
                return Track(coalesce, depth + 1);

            case IConditionalAccessOperation access when access.Operation == current:
                return TrackConditionalAccess(access, depth);

            case IConditionalAccessOperation access when access.WhenNotNull == current:
                // services?.AddDataProtection(): the value of the whole expression is the builder.
                return Track(access, depth + 1);

            case IReturnOperation @return:
                return Returned(@return, depth);

            default:
                return BuilderOutcome.Unknown;
        }
    }

    private BuilderOutcome Assigned(ISimpleAssignmentOperation assignment, int depth)
    {
        // The holder is followed, and so is the assignment's own value when it is used (a = b = builder).
        var used = assignment.Parent is IExpressionStatementOperation ? BuilderOutcome.Missing : Track(assignment, depth + 1);
        return Unwrap(assignment.Target) switch
        {
            IDiscardOperation => used,
            ILocalReferenceOperation local => Combine(TrackLocal(local.Local, depth), used),
            IFieldReferenceOperation field when _scope.OwnsMember(field.Field) => Combine(TrackMember(field.Field, depth), used),
            IPropertyReferenceOperation property when _scope.OwnsMember(property.Property) && property.Property.IsAutoProperty()
                => Combine(TrackMember(property.Property, depth), used),
            _ => BuilderOutcome.Unknown,
        };
    }

    private static IOperation Unwrap(IOperation operation) =>
        operation.WithoutImplicitConversions() ?? operation;

    /// <summary>The builder is the receiver (<paramref name="parameter"/> null or the <c>this</c> parameter) or an argument of a call.</summary>
    private BuilderOutcome Called(IInvocationOperation invocation, IParameterSymbol? parameter, int depth)
    {
        var method = invocation.TargetMethod;
        var isReceiver = parameter is null || (method.IsExtensionMethod && parameter.Ordinal == 0);
        if (isReceiver && _isGoal(method))
        {
            return BuilderOutcome.Found;
        }

        var continuesChain = isReceiver && ReturnsBuilder(invocation);
        if (_scope.TryGetBody(method, out _) && parameter is not null)
        {
            // A helper of this type or a local function: follow its parameter, then what it returns.
            var inside = TrackParameter(method, parameter, depth);
            return inside == BuilderOutcome.Found || !ReturnsBuilder(invocation)
                ? inside
                : Combine(inside, Track(invocation, depth + 1));
        }

        if (IsDeclaredInSource(method))
        {
            // Declared in this compilation but outside the type, so its body cannot be bound from here. If its
            // text names a goal it may well reach one: no judgement. Otherwise it is an ordinary fluent step.
            if (MentionsGoal(method))
            {
                return BuilderOutcome.Unknown;
            }

            return ReturnsBuilder(invocation) ? Track(invocation, depth + 1) : BuilderOutcome.Missing;
        }

        if (isReceiver)
        {
            // A fluent method of a referenced assembly that is not a goal: the chain goes on or ends here.
            return continuesChain ? Track(invocation, depth + 1) : BuilderOutcome.Missing;
        }

        return BuilderOutcome.Unknown;
    }

    private BuilderOutcome TrackLocal(ILocalSymbol local, int depth)
    {
        if (!_visited.Add(local))
        {
            return BuilderOutcome.Missing;
        }

        var outcome = BuilderOutcome.Missing;
        foreach (var reference in _scope.ReadsOf(local))
        {
            outcome = Combine(outcome, Track(reference, depth + 1));
            if (outcome == BuilderOutcome.Found)
            {
                break;
            }
        }

        return outcome;
    }

    private BuilderOutcome TrackMember(ISymbol member, int depth)
    {
        if (!_visited.Add(member))
        {
            return BuilderOutcome.Missing;
        }

        // A non-private member can be read by code outside the type.
        var outcome = member.DeclaredAccessibility == Accessibility.Private ? BuilderOutcome.Missing : BuilderOutcome.Unknown;
        foreach (var reference in _scope.ReadsOf(member))
        {
            var next = Track(reference, depth + 1);
            if (next == BuilderOutcome.Found)
            {
                return next;
            }

            outcome = Combine(outcome, next);
        }

        return outcome;
    }

    private BuilderOutcome TrackParameter(IMethodSymbol method, IParameterSymbol parameter, int depth)
    {
        var original = parameter.OriginalDefinition;
        if (!_visited.Add(original))
        {
            return BuilderOutcome.Missing;
        }

        var outcome = BuilderOutcome.Missing;
        foreach (var reference in _scope.ReadsOf(original))
        {
            outcome = Combine(outcome, Track(reference, depth + 1));
            if (outcome == BuilderOutcome.Found)
            {
                break;
            }
        }

        return outcome;
    }

    private BuilderOutcome TrackConditionalAccess(IConditionalAccessOperation access, int depth)
    {
        foreach (var operation in access.WhenNotNull.DescendantsAndSelf())
        {
            if (operation is IConditionalAccessInstanceOperation instance)
            {
                return Track(instance, depth + 1);
            }
        }

        return BuilderOutcome.Unknown;
    }

    /// <summary>Returned from a private method or local function of the type: follow its callers; otherwise it leaves our sight.</summary>
    private BuilderOutcome Returned(IReturnOperation @return, int depth)
    {
        var method = _scope.EnclosingMethod(@return);
        if (method is null || !_visited.Add(method))
        {
            return method is null ? BuilderOutcome.Unknown : BuilderOutcome.Missing;
        }

        if (method.MethodKind != MethodKind.LocalFunction && method.DeclaredAccessibility != Accessibility.Private)
        {
            return BuilderOutcome.Unknown;
        }

        var outcome = BuilderOutcome.Missing;
        var callers = 0;
        foreach (var call in _scope.CallsOf(method))
        {
            callers++;
            outcome = Combine(outcome, Track(call, depth + 1));
        }

        return callers == 0 ? BuilderOutcome.Unknown : outcome;
    }

    private bool ReturnsBuilder(IInvocationOperation invocation) =>
        invocation.Type is { } type && FlowScope.IsOrImplements(type, _builderType);

    private bool MentionsGoal(IMethodSymbol method)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                if (node is SimpleNameSyntax name && _isGoalName(name.Identifier.ValueText))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDeclaredInSource(IMethodSymbol method)
    {
        foreach (var location in method.OriginalDefinition.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    private static BuilderOutcome Combine(BuilderOutcome left, BuilderOutcome right) => left > right ? left : right;
}
