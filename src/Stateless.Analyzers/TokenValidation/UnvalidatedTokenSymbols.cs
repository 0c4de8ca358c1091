using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>STL2009: the token reads, validations and saved-token sources it recognises, resolved once per compilation.</summary>
internal sealed class UnvalidatedTokenSymbols
{
    private readonly TokenValidationTypes _types;
    private readonly INamedTypeSymbol? _authenticationTokenExtensions;
    private readonly INamedTypeSymbol? _authenticationHttpContextExtensions;
    private readonly INamedTypeSymbol? _verifier;
    private readonly INamedTypeSymbol? _readOnlyMemory;
    private readonly INamedTypeSymbol? _bearerEvents;
    private readonly INamedTypeSymbol? _oauthHandler;

    public UnvalidatedTokenSymbols(TokenValidationTypes types, WellKnownTypes known)
    {
        _types = types;
        _authenticationTokenExtensions = known.Get(MetadataNames.AuthenticationTokenExtensions);
        _authenticationHttpContextExtensions = known.Get(MetadataNames.AuthenticationHttpContextExtensions);
        _verifier = known.Get(MetadataNames.StatelessTokenVerifier);
        _readOnlyMemory = known.Get("System.ReadOnlyMemory`1");
        _bearerEvents = known.Get(MetadataNames.JwtBearerEvents);
        _oauthHandler = known.Get(MetadataNames.OAuthHandler);
    }

    /// <summary>
    /// Code of an OAuth sign-in handler (<c>OAuthHandler&lt;TOptions&gt;</c>, as every aspnet-contrib provider): the tokens it
    /// reads come from the provider's token endpoint, over TLS, in answer to the handler's own code redemption; the
    /// identity provider, not a client, wrote them (OpenID Connect Core 3.1.3.7 lets TLS stand for the signature there).
    /// </summary>
    public bool IsInOAuthHandler(ISymbol owner) =>
        _oauthHandler is not null && TypeHierarchy.IsOrInheritsFrom(owner.ContainingType?.OriginalDefinition, _oauthHandler);

    public bool IsBearerEvents(INamedTypeSymbol? type) => _bearerEvents is not null && TypeHierarchy.IsOrInheritsFrom(type, _bearerEvents);

    public bool IsRead(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation { TargetMethod: { Name: "ReadJwtToken" or "ReadJsonWebToken" or "ReadToken" } method }:
                return method.Parameters.Length == 1 && IsTokenText(method.Parameters[0].Type) && IsHandler(method.ContainingType);
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                if (TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.JwtSecurityToken))
                {
                    return constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String;
                }

                if (TypeHierarchy.IsOrInheritsFrom(creation.Type, _types.JsonWebToken))
                {
                    return constructor.Parameters.Length >= 1 && IsTokenText(constructor.Parameters[0].Type)
                        && (constructor.Parameters.Length == 1 || constructor.Parameters[1].Type.SpecialType != SpecialType.System_String);
                }

                return false;
            default:
                return false;
        }
    }

    public bool IsValidation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is "ValidateToken" or "ValidateTokenAsync")
        {
            return IsHandler(method.ContainingType)
                || (method.ContainingType is { Name: "ISecurityTokenValidator" } validator && NamespaceNames.IsDeclaredIn(validator, "Microsoft.IdentityModel.Tokens"));
        }

        return method.Name == "VerifyAsync" && _verifier is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, _verifier);
    }

    /// <summary>A token from <c>HttpContext.GetTokenAsync("access_token")</c>, directly or through a local assigned once.</summary>
    public bool IsSavedByAuthenticationHandler(IOperation token)
    {
        var current = token.WithoutImplicitConversions();
        for (var depth = 0; depth < 4 && current is not null; depth++)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    current = ConstantFolding.SingleAssignment(local).WithoutImplicitConversions();
                    break;
                case IAwaitOperation awaited:
                    current = awaited.Operation.WithoutImplicitConversions();
                    break;
                case IInvocationOperation { TargetMethod.Name: "GetTokenAsync" or "GetTokenValue" } invocation:
                    var owner = invocation.TargetMethod.ContainingType;
                    return (_authenticationTokenExtensions is not null && SymbolEqualityComparer.Default.Equals(owner, _authenticationTokenExtensions))
                        || (_authenticationHttpContextExtensions is not null && SymbolEqualityComparer.Default.Equals(owner, _authenticationHttpContextExtensions));
                default:
                    return false;
            }
        }

        return false;
    }

    private bool IsHandler(INamedTypeSymbol? type) =>
        TypeHierarchy.IsOrInheritsFrom(type, _types.TokenHandler)
        || TypeHierarchy.IsOrInheritsFrom(type, _types.JwtSecurityTokenHandler)
        || TypeHierarchy.IsOrInheritsFrom(type, _types.JsonWebTokenHandler);

    private bool IsTokenText(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String
        || (_readOnlyMemory is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _readOnlyMemory));
}
