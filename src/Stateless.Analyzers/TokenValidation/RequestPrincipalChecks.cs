using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// A request-time revocation check outside <c>OnTokenValidated</c>: code that looks up the <c>jti</c> or <c>iat</c> claim of
/// the authenticated request's principal (<c>HttpContext.User</c>, <c>AuthorizationHandlerContext.User</c>,
/// <c>ControllerBase.User</c>, …): an authorization handler or middleware that rejects tokens issued before a per-user
/// "valid since" time, or whose id is on a denylist. Issuing code only creates these claims (<c>new Claim(…)</c>) and
/// never looks them up on the request's user.
/// </summary>
internal static class RequestPrincipalChecks
{
    private const int MaxDepth = 8;

    /// <summary><c>User.FindFirst("iat")</c>, <c>FindFirstValue(JwtRegisteredClaimNames.Jti)</c>, <c>FindAll</c>, <c>HasClaim</c> on the request's user.</summary>
    public static bool IsLookup(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("FindFirst" or "FindFirstValue" or "FindAll" or "HasClaim"))
        {
            return false;
        }

        IOperation? receiver = invocation.Instance;
        var namesRevocationClaim = false;
        foreach (var argument in invocation.Arguments)
        {
            if (receiver is null && method.IsExtensionMethod && argument.Parameter?.Ordinal == 0)
            {
                receiver = argument.Value;
            }
            else
            {
                namesRevocationClaim |= IsRevocationClaimName(argument.Value);
            }
        }

        return namesRevocationClaim && IsRequestPrincipal(receiver);
    }

    /// <summary><c>c.Type == "iat"</c> inside a predicate over the request user's claims (<c>User.Claims.FirstOrDefault(c =&gt; …)</c>).</summary>
    public static bool IsTypeTest(IBinaryOperation comparison)
    {
        if (comparison.OperatorKind is not (BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return false;
        }

        var claimType = IsRevocationClaimName(comparison.RightOperand) ? comparison.LeftOperand
            : IsRevocationClaimName(comparison.LeftOperand) ? comparison.RightOperand
            : null;
        if (claimType.WithoutImplicitConversions() is not IPropertyReferenceOperation { Property: { Name: "Type" } typeProperty }
            || !IsClaim(typeProperty.ContainingType))
        {
            return false;
        }

        // The predicate is a lambda handed to a query over the claims: Claims.FirstOrDefault(c => c.Type == "iat").
        for (var current = comparison.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function)
            {
                if (LambdaConsumer.Of(function) is IArgumentOperation { Parent: IInvocationOperation query })
                {
                    var source = query.Instance ?? (query.TargetMethod.IsExtensionMethod && query.Arguments.Length > 0 ? query.Arguments[0].Value : null);
                    return IsRequestPrincipal(source);
                }

                return false;
            }
        }

        return false;
    }

    /// <summary>A constant <c>"iat"</c> or <c>"jti"</c> (a literal or <c>JwtRegisteredClaimNames.Iat</c>/<c>Jti</c>).</summary>
    private static bool IsRevocationClaimName(IOperation? operation) =>
        operation.WithoutImplicitConversions()?.ConstantValue is { HasValue: true, Value: "iat" or "jti" };

    /// <summary>The request's principal, its identities or their claims, through casts, conditional access and locals assigned once.</summary>
    private static bool IsRequestPrincipal(IOperation? operation)
    {
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            operation = operation.WithoutImplicitConversions();
            switch (operation)
            {
                case IPropertyReferenceOperation { Property: { Name: "User" } user }:
                    return user.Type is { Name: "ClaimsPrincipal" } principal && NamespaceNames.IsDeclaredIn(principal, "System.Security.Claims")
                        && NamespaceNames.IsOrIsInside(user.ContainingNamespace, "Microsoft.AspNetCore");
                case IPropertyReferenceOperation { Property.Name: "Claims" or "Identity" or "Identities" } part:
                    operation = part.Instance;
                    break;
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case ILocalReferenceOperation local:
                    operation = ConstantFolding.SingleAssignment(local);
                    break;
                case IConditionalAccessInstanceOperation placeholder:
                    operation = ConditionalTarget(placeholder);
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>The receiver <c>x</c> of <c>x?.…</c> that a conditional-access placeholder stands for.</summary>
    private static IOperation? ConditionalTarget(IConditionalAccessInstanceOperation placeholder)
    {
        for (var current = placeholder.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation conditional && conditional.WhenNotNull.Syntax.Span.Contains(placeholder.Syntax.Span))
            {
                return conditional.Operation;
            }
        }

        return null;
    }

    private static bool IsClaim(INamedTypeSymbol? type) =>
        type is { Name: "Claim" } && NamespaceNames.IsDeclaredIn(type, "System.Security.Claims");
}
