using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// Claims of an unvalidated token that can only refuse (STL2009): every use of their value is an equality or
/// null/empty test in the condition of an <c>if</c> without <c>else</c> whose body ends by throwing, or by returning
/// nothing, <c>null</c>, <c>false</c> or <c>default</c>. A refresh flow that, after checking the refresh token, rejects the request
/// when the expired access token names another subject is such a cross-check: a forged claim can make it refuse, never
/// grant. A value passed anywhere else (a user lookup, a returned identity, a field) can grant and stays reported.
/// </summary>
internal static class RefusalOnly
{
    private const int MaxDepth = 6;

    public static bool AllRefuse(List<IOperation> uses, List<IOperation> all)
    {
        if (uses.Count == 0)
        {
            return false;
        }

        foreach (var use in uses)
        {
            if (!Refuses(use, all, 0))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Does every way <paramref name="value"/> is used end in a refusing test?</summary>
    private static bool Refuses(IOperation value, List<IOperation> all, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        var current = value;
        for (var steps = 0; steps < 16 && current.Parent is { } parent; steps++)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation or IConditionalAccessOperation or ICoalesceOperation:
                    current = parent;
                    continue;

                // claim.Value, jwt.Subject, claim.ToString(): still the claim's value.
                case IPropertyReferenceOperation property when property.Instance == current:
                case IInvocationOperation invocation when invocation.Instance == current && !IsTest(invocation):
                    current = parent;
                    continue;

                case IArgumentOperation { Parent: IInvocationOperation call } argument:
                    if (IsTest(call))
                    {
                        return GuardsRefusal(call);
                    }

                    // A query over the claims (Claims.FirstOrDefault(c => …)): the element is still a claim of the token.
                    if (call.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0 && IsQuery(call.TargetMethod))
                    {
                        current = call;
                        continue;
                    }

                    return false;

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison:
                    return GuardsRefusal(comparison);

                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalRefuses(declarator.Symbol, all, depth);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    return LocalRefuses(target.Local, all, depth);

                default:
                    return false;
            }
        }

        return false;
    }

    private static bool LocalRefuses(ILocalSymbol local, List<IOperation> all, int depth)
    {
        var used = false;
        foreach (var operation in all)
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference))
            {
                used = true;
                if (!Refuses(reference, all, depth + 1))
                {
                    return false;
                }
            }
        }

        return used;
    }

    /// <summary><c>string.Equals(a, b)</c>, <c>a.Equals(b)</c>, <c>string.IsNullOrEmpty(a)</c>, <c>string.IsNullOrWhiteSpace(a)</c>.</summary>
    private static bool IsTest(IInvocationOperation invocation) =>
        invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean
        && (invocation.TargetMethod.Name == "Equals"
            || (invocation.TargetMethod.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace" && invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_String));

    private static bool IsQuery(IMethodSymbol method) =>
        method.Name is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "Last" or "LastOrDefault" or "Where"
        && method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The test is (part of) the condition of an <c>if</c> without <c>else</c> whose body refuses.</summary>
    private static bool GuardsRefusal(IOperation test)
    {
        var current = test;
        while (current.Parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } or IParenthesizedOperation or IConversionOperation
            or IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr })
        {
            current = current.Parent;
        }

        return current.Parent is IConditionalOperation { WhenFalse: null } branch && branch.Condition == current && EndsInRefusal(branch.WhenTrue);
    }

    private static bool EndsInRefusal(IOperation body)
    {
        var last = body is IBlockOperation block ? (block.Operations.IsEmpty ? null : block.Operations[block.Operations.Length - 1]) : body;
        return last switch
        {
            IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IReturnOperation { ReturnedValue: null } => true,
            IReturnOperation { ReturnedValue: { } returned } => IsNullFalseOrDefault(returned),
            _ => false,
        };
    }

    private static bool IsNullFalseOrDefault(IOperation returned)
    {
        returned = returned.WithoutConversions()!;

        return returned is IDefaultValueOperation || returned.ConstantValue is { HasValue: true, Value: null or false };
    }
}
