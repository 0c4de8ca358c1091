using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// STL2001: a method that compares the validated token's algorithm with a constant
/// (<c>jwt.Header.Alg.Equals(SecurityAlgorithms.HmacSha256, …)</c>, <c>token.Alg != "RS256"</c>,
/// <c>string.Equals(jwt.SignatureAlgorithm, …)</c>, <c>alg is "ES256"</c>, <c>{ Alg: not "HS256" }</c>) pins the algorithm after validation, as the
/// widespread "principal from an expired token" refresh helper does: a token signed with another algorithm is refused
/// by that comparison, so the parameters' missing <c>ValidAlgorithms</c> widens nothing.
/// </summary>
internal static class AlgorithmCheckedAfter
{
    public static bool Holds(ImmutableArray<IOperation> blocks, TokenValidationTypes types)
    {
        if (types.JwtHeader is null && types.JwtSecurityToken is null && types.JsonWebToken is null)
        {
            return false;
        }

        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (operation is IPropertyReferenceOperation property
                    && IsTokenAlgorithm(property.Property, types)
                    && IsComparedWithConstant(property))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsTokenAlgorithm(IPropertySymbol property, TokenValidationTypes types)
    {
        var owner = property.OriginalDefinition.ContainingType;
        return property.Name switch
        {
            "Alg" => SymbolEqualityComparer.Default.Equals(owner, types.JwtHeader)
                || SymbolEqualityComparer.Default.Equals(owner, types.JsonWebToken),
            "SignatureAlgorithm" => SymbolEqualityComparer.Default.Equals(owner, types.JwtSecurityToken),
            _ => false,
        };
    }

    private static bool IsComparedWithConstant(IOperation algorithm)
    {
        var value = algorithm.WithEnclosingConversions();
        switch (value.Parent)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                return IsConstantText(binary.LeftOperand == value ? binary.RightOperand : binary.LeftOperand);

            case IIsPatternOperation { Pattern: var pattern }:
                return IsConstantPattern(pattern);

            // token is JsonWebToken { Alg: not SecurityAlgorithms.HmacSha256 }
            case IPropertySubpatternOperation subpattern when subpattern.Member == value:
                return IsConstantPattern(subpattern.Pattern);

            // alg.Equals(SecurityAlgorithms.HmacSha256, StringComparison.Ordinal)
            case IInvocationOperation { TargetMethod.Name: "Equals" } call when call.Instance == value:
                return call.Arguments.Length > 0 && IsConstantText(call.Arguments[0].Value);

            // string.Equals(alg, SecurityAlgorithms.HmacSha256, …)
            case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Equals", IsStatic: true } } call }:
                foreach (var argument in call.Arguments)
                {
                    if (argument.Value != value && IsConstantText(argument.Value))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    private static bool IsConstantPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsConstantText(constant.Value),
        INegatedPatternOperation negated => IsConstantPattern(negated.Pattern),
        IBinaryPatternOperation binary => IsConstantPattern(binary.LeftPattern) && IsConstantPattern(binary.RightPattern),
        _ => false,
    };

    private static bool IsConstantText(IOperation operand) =>
        operand.WithoutConversions() is { ConstantValue: { HasValue: true, Value: string } };
}
