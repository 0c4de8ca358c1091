using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>STL2009: which validations of a token count (a failure cannot go unnoticed) and how the same token is recognised.</summary>
internal static class ValidationChecks
{
    /// <summary>
    /// The project's own check (<c>_jwt.ValidateToken(token)</c>, <c>IsTokenValid(token)</c>, <c>VerifyAsync(token)</c>):
    /// a method whose name says it validates or verifies, whose result is used (a condition, a local) or that returns
    /// nothing and so can only fail by throwing.
    /// </summary>
    public static bool IsOwnCheck(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        if (name.IndexOf("Valid", System.StringComparison.OrdinalIgnoreCase) < 0 && name.IndexOf("Verif", System.StringComparison.OrdinalIgnoreCase) < 0)
        {
            return false;
        }

        var current = invocation.WithEnclosingAwait();

        var discarded = current.Parent is IExpressionStatementOperation;
        var returnsNothing = invocation.TargetMethod.ReturnsVoid
            || invocation.TargetMethod.ReturnType is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: false };
        return !discarded || returnsNothing;
    }

    public static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>The same token: the same local, parameter, field or property, else the same text.</summary>
    public static string? TokenKey(IOperation? token)
    {
        token = token.WithoutImplicitConversions();
        if (token is null)
        {
            return null;
        }

        if (HolderKeys.Of(token) is { } key)
        {
            return key;
        }

        var text = token.Syntax.ToString();
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return "T:" + builder;
    }

    /// <summary>
    /// A validation counts when a failure cannot go unnoticed: a throwing <c>ValidateToken</c> outside a catch that
    /// swallows the exception, or a result whose <c>IsValid</c> is read.
    /// </summary>
    public static bool IsChecked(IInvocationOperation invocation, List<IOperation> all)
    {
        var returnsResult = invocation.TargetMethod.ReturnType is INamedTypeSymbol returnType
            && (returnType.Name is "TokenValidationResult" or "TokenVerificationResult"
                || (returnType.TypeArguments.Length == 1 && returnType.TypeArguments[0].Name is "TokenValidationResult" or "TokenVerificationResult"));
        if (!returnsResult)
        {
            return !IsSwallowed(invocation);
        }

        var current = invocation.WithEnclosingAwait();

        if (ReadsIsValid(current))
        {
            return true;
        }

        ILocalSymbol? local = current.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current => target.Local,
            _ => null,
        };

        if (local is null)
        {
            return false;
        }

        foreach (var operation in all)
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && ReadsIsValid(reference))
            {
                return true;
            }
        }

        return false;
    }

    public static bool ReadsIsValid(IOperation result) => result.Parent switch
    {
        IPropertyReferenceOperation { Property.Name: "IsValid" } property => property.Instance == result,
        IIsPatternOperation => true,
        ISwitchOperation or ISwitchExpressionOperation => true,
        _ => false,
    };

    public static bool IsSwallowed(IOperation operation)
    {
        for (var current = operation; current.Parent is { } parent; current = parent)
        {
            if (parent is ITryOperation @try && @try.Body == current)
            {
                foreach (var clause in @try.Catches)
                {
                    if (!EndsByLeaving(clause.Handler))
                    {
                        return true;
                    }
                }
            }

            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }
        }

        return false;
    }

    public static bool EndsByLeaving(IBlockOperation handler)
    {
        if (handler.Operations.IsEmpty)
        {
            return false;
        }

        return handler.Operations[handler.Operations.Length - 1] is IThrowOperation or IReturnOperation
            || handler.Operations[handler.Operations.Length - 1] is IExpressionStatementOperation { Operation: IThrowOperation };
    }
}
