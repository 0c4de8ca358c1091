using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// The code behind a validator delegate (a lambda, an anonymous method, or a method group whose method or local
/// function is declared in the same syntax tree) and the facts the delegate rules judge it by.
/// </summary>
internal sealed class DelegateBody
{
    private readonly HashSet<IParameterSymbol> _referenced = new(SymbolEqualityComparer.Default);

    private DelegateBody(IOperation body, ImmutableArray<IParameterSymbol> parameters)
    {
        Parameters = parameters;
        var returns = new List<IOperation?>();
        foreach (var operation in Walk(body))
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.Return } ret:
                    returns.Add(ret.ReturnedValue);
                    break;
                case IThrowOperation:
                    Throws = true;
                    break;
                case IInvocationOperation invocation:
                    if (!IsLogging(invocation.TargetMethod) && !IsArgumentGuard(invocation.TargetMethod))
                    {
                        Invocations.Add(invocation);
                        if (IsDiscarded(invocation))
                        {
                            HasCallForEffect = true;
                        }
                    }

                    break;
                case IParameterReferenceOperation parameter:
                    _referenced.Add(parameter.Parameter);
                    break;
                case IPropertyReferenceOperation property:
                    ReferencedProperties.Add(property.Property.Name);
                    break;
            }
        }

        Returns = returns;
    }

    public ImmutableArray<IParameterSymbol> Parameters { get; }

    /// <summary>The returned values (null for a bare <c>return;</c>).</summary>
    public IReadOnlyList<IOperation?> Returns { get; }

    /// <summary>A <c>throw</c> statement or expression: the validator can fail by throwing.</summary>
    public bool Throws { get; }

    /// <summary>A call whose result is discarded (<c>Validators.ValidateAudience(...);</c>): it can only matter by throwing.</summary>
    public bool HasCallForEffect { get; }

    public List<IInvocationOperation> Invocations { get; } = new();

    public HashSet<string> ReferencedProperties { get; } = new(System.StringComparer.Ordinal);

    /// <summary>True when the body reads the delegate's parameter at that position.</summary>
    public bool References(int ordinal) => ordinal < Parameters.Length && _referenced.Contains(Parameters[ordinal]);

    /// <summary>True when the body can fail other than by its return value.</summary>
    public bool CanFailByThrowing => Throws || HasCallForEffect;

    /// <summary>Every return yields constant <c>true</c>.</summary>
    public bool AlwaysReturnsTrue
    {
        get
        {
            if (Returns.Count == 0)
            {
                return false;
            }

            foreach (var value in Returns)
            {
                if (!ConstantFolding.TryFoldBoolean(value, out var constant) || !constant)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// Resolves a delegate value: a lambda or anonymous method, <c>new LifetimeValidator(...)</c>, or a method group
    /// whose body is in the same syntax tree. Null when the code cannot be seen (a field, a parameter, another file).
    /// </summary>
    public static DelegateBody? Resolve(IOperation? value)
    {
        value = value.WithoutImplicitConversions();
        if (value is IDelegateCreationOperation creation)
        {
            value = creation.Target.WithoutImplicitConversions();
        }

        switch (value)
        {
            case IAnonymousFunctionOperation function:
                return new DelegateBody(function.Body, function.Symbol.Parameters);
            case IMethodReferenceOperation { Method: { } method } reference:
                return ResolveMethod(reference, method.OriginalDefinition);
            default:
                return null;
        }
    }

    private static DelegateBody? ResolveMethod(IOperation reference, IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction)
        {
            var root = reference;
            while (root.Parent is { } parent)
            {
                root = parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalFunctionOperation local && SymbolEqualityComparer.Default.Equals(local.Symbol, method)
                    && (local.Body ?? local.IgnoredBody) is { } body)
                {
                    return new DelegateBody(body, method.Parameters);
                }
            }

            return null;
        }

        if (reference.SemanticModel is not { } model)
        {
            return null;
        }

        foreach (var syntaxReference in method.DeclaringSyntaxReferences)
        {
            if (syntaxReference.SyntaxTree != model.SyntaxTree || syntaxReference.GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                continue;
            }

            var operation = model.GetOperation(declaration);
            var body = operation is IMethodBodyOperation methodBody ? (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody : null;
            if (body is not null)
            {
                return new DelegateBody(body, method.Parameters);
            }
        }

        return null;
    }

    /// <summary>The operations of a body, without those of nested lambdas and local functions.</summary>
    private static IEnumerable<IOperation> Walk(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                if (child is not IAnonymousFunctionOperation and not ILocalFunctionOperation)
                {
                    stack.Push(child);
                }
            }
        }
    }

    private static bool IsDiscarded(IOperation operation)
    {
        var current = operation.WithEnclosingAwait();

        return current.Parent is IExpressionStatementOperation || current.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
    }

    /// <summary><c>ArgumentNullException.ThrowIfNull(x)</c> and friends: they reject null input, they do not validate.</summary>
    private static bool IsArgumentGuard(IMethodSymbol method) =>
        method.IsStatic && method.Name.StartsWith("ThrowIf", System.StringComparison.Ordinal)
        && NamespaceNames.IsDeclaredIn(method, "System");

    private static bool IsLogging(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        return NamespaceNames.IsOrIsInside(type.ContainingNamespace, "Microsoft.Extensions.Logging")
            || (type.Name == "Console" && NamespaceNames.IsDeclaredIn(type, "System"))
            || (type.Name is "Debug" or "Trace" && NamespaceNames.IsDeclaredIn(type, "System.Diagnostics"));
    }
}
