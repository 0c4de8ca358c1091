using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>STL1102/STL1103: another registration on the same <c>IServiceCollection</c>, running whenever this one does, that shares the keys or adds the backplane.</summary>
internal static class SameServiceCollection
{
    /// <summary>
    /// Both builders configure the same <c>IServiceCollection</c>: <c>AddDataProtection()</c> and <c>AddSignalR()</c>
    /// may be called more than once, and what one builder registers (the key repository, the backplane) applies to
    /// the services of all. The same collection means the same receiver path (<c>builder.Services</c>, a parameter).
    /// </summary>
    public static bool SatisfiedByAnotherCall(
        IInvocationOperation call,
        List<(IInvocationOperation Call, BuilderOutcome Outcome, ImmutableArray<string> Backplanes)> judged,
        EnvironmentGuard guard)
    {
        var path = ReceiverPath(call);
        if (path.IsDefaultOrEmpty)
        {
            return false;
        }

        foreach (var (other, outcome, _) in judged)
        {
            if (other != call
                && outcome == BuilderOutcome.Found
                && other.TargetMethod.Name == call.TargetMethod.Name
                && ReceiverPath(other) is { IsDefaultOrEmpty: false } otherPath
                && otherPath.SequenceEqual(path, SymbolEqualityComparer.Default)
                && RunsWhenever(other, call)
                && !guard.IsOutsideProductionOnly(other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="other"/> is in no branch (if/else, ternary, switch section, loop, short-circuit operand) that
    /// does not also hold <paramref name="call"/>: where one runs, so does the other.
    /// </summary>
    private static bool RunsWhenever(IOperation other, IOperation call)
    {
        for (var current = other; current.Parent is { } parent; current = parent)
        {
            var branches = parent switch
            {
                IConditionalOperation conditional => conditional.Condition != current,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary => binary.RightOperand == current,
                ICoalesceOperation coalesce => coalesce.WhenNull == current,
                IConditionalAccessOperation access => access.WhenNotNull == current,
                ISwitchCaseOperation or ISwitchExpressionArmOperation or ILoopOperation or ICatchClauseOperation => true,
                _ => false,
            };

            if (branches && !IsWithin(call, current))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (var current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The symbols naming the services a registration extends (<c>builder</c>, <c>Services</c>), or default when it is not a plain path.</summary>
    private static ImmutableArray<ISymbol> ReceiverPath(IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        var symbols = ImmutableArray.CreateBuilder<ISymbol>();
        var current = receiver.WithoutImplicitConversions();
        while (current is not null)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    symbols.Insert(0, local.Local);
                    return symbols.ToImmutable();
                case IParameterReferenceOperation parameter:
                    symbols.Insert(0, parameter.Parameter);
                    return symbols.ToImmutable();
                case IInstanceReferenceOperation:
                    return symbols.ToImmutable();
                case IFieldReferenceOperation field:
                    symbols.Insert(0, field.Field);
                    if (field.Instance is null)
                    {
                        return symbols.ToImmutable();
                    }

                    current = field.Instance.WithoutImplicitConversions();
                    break;
                case IPropertyReferenceOperation property:
                    symbols.Insert(0, property.Property);
                    if (property.Instance is null)
                    {
                        return symbols.ToImmutable();
                    }

                    current = property.Instance.WithoutImplicitConversions();
                    break;
                default:
                    return default;
            }
        }

        return default;
    }
}
