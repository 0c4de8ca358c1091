using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>
/// Decides whether a validator delegate really validates. Throw-aware: a validator that throws on failure and
/// returns <c>true</c> (or the issuer) otherwise is correct, as is one that calls another check for its effect.
/// </summary>
internal static class ValidatorJudge
{
    /// <summary>
    /// <c>SecurityToken SignatureValidator(string token, TokenValidationParameters parameters)</c> that only parses
    /// the token (<c>new JwtSecurityToken(token)</c>, <c>ReadJwtToken</c>, ...) and returns it, never throwing and
    /// calling nothing that could verify it.
    /// </summary>
    public static bool SkipsSignature(DelegateBody body)
    {
        if (body.Throws)
        {
            return false;
        }

        foreach (var invocation in body.Invocations)
        {
            if (!IsParsingOnly(invocation.TargetMethod))
            {
                return false;
            }
        }

        foreach (var value in body.Returns)
        {
            if (value.WithoutImplicitConversions() is { } returned && !(returned.ConstantValue is { HasValue: true, Value: null }))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>bool LifetimeValidator(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters p)</c>
    /// that always returns true without a way to fail, or that never looks at <c>expires</c> (nor the token's
    /// <c>ValidTo</c>, nor hands the token to another check).
    /// </summary>
    public static string? LifetimeDefect(DelegateBody body)
    {
        if (body.AlwaysReturnsTrue && !body.CanFailByThrowing)
        {
            return "LifetimeValidator always returns true";
        }

        if (body.Parameters.Length < 3 || body.References(1) || body.ReferencedProperties.Contains("ValidTo") || body.ReferencedProperties.Contains("ValidToUtc"))
        {
            return null;
        }

        var token = body.Parameters[2];
        foreach (var invocation in body.Invocations)
        {
            if (Mentions(invocation, token))
            {
                return null;
            }
        }

        return "LifetimeValidator never checks 'expires'";
    }

    /// <summary><c>bool AudienceValidator(...)</c> that returns true on every path and cannot fail by throwing.</summary>
    public static bool AcceptsAnyAudience(DelegateBody body) => body.AlwaysReturnsTrue && !body.CanFailByThrowing;

    /// <summary>
    /// <c>string IssuerValidator(string issuer, SecurityToken token, TokenValidationParameters p)</c> that returns the
    /// issuer it was given (or the token's own <c>Issuer</c>) on every path and cannot fail by throwing.
    /// </summary>
    public static bool AcceptsAnyIssuer(DelegateBody body)
    {
        if (body.CanFailByThrowing || body.Returns.Count == 0 || body.Parameters.Length < 2)
        {
            return false;
        }

        foreach (var value in body.Returns)
        {
            switch (value.WithoutImplicitConversions())
            {
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter, body.Parameters[0]):
                    break;
                case IPropertyReferenceOperation { Property.Name: "Issuer", Instance: var instance }
                    when instance.WithoutImplicitConversions() is IParameterReferenceOperation owner && SymbolEqualityComparer.Default.Equals(owner.Parameter, body.Parameters[1]):
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Calls that parse or inspect text but cannot verify a signature.</summary>
    private static bool IsParsingOnly(IMethodSymbol method) =>
        method.Name is "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken" or "CanReadToken" or "ToString"
        || method.ContainingType?.SpecialType == SpecialType.System_String;

    private static bool Mentions(IInvocationOperation invocation, IParameterSymbol parameter)
    {
        foreach (var operation in invocation.DescendantsAndSelf())
        {
            if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                return true;
            }
        }

        return false;
    }
}
