using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>The IdentityModel and BCL types the token-issuance rules recognise, resolved once per compilation.</summary>
internal sealed class IssuanceTypes
{
    private IssuanceTypes(WellKnownTypes types)
    {
        JwtSecurityToken = types.Get(MetadataNames.JwtSecurityToken);
        JwtPayload = types.Get(MetadataNames.JwtPayload);
        SecurityTokenDescriptor = types.Get(MetadataNames.SecurityTokenDescriptor);
        JwtSecurityTokenHandler = types.Get(MetadataNames.JwtSecurityTokenHandler);
        JsonWebTokenHandler = types.Get(MetadataNames.JsonWebTokenHandler);
        TokenHandler = types.Get(MetadataNames.TokenHandler);
        Claim = types.Get(MetadataNames.Claim);
        ClaimsIdentity = types.Get(MetadataNames.ClaimsIdentity);
        GenericIdentity = types.Get(MetadataNames.GenericIdentity);
        Enumerable = types.Get(MetadataNames.Enumerable);
        UserManager = types.Get(MetadataNames.IdentityUserManager);
        RoleManager = types.Get(MetadataNames.IdentityRoleManager);
    }

    public INamedTypeSymbol? JwtSecurityToken { get; }

    public INamedTypeSymbol? JwtPayload { get; }

    public INamedTypeSymbol? SecurityTokenDescriptor { get; }

    public INamedTypeSymbol? JwtSecurityTokenHandler { get; }

    public INamedTypeSymbol? JsonWebTokenHandler { get; }

    public INamedTypeSymbol? TokenHandler { get; }

    public INamedTypeSymbol? Claim { get; }

    public INamedTypeSymbol? ClaimsIdentity { get; }

    public INamedTypeSymbol? GenericIdentity { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? UserManager { get; }

    public INamedTypeSymbol? RoleManager { get; }

    /// <summary>The types, or null when the compilation cannot issue tokens (no IdentityModel reference).</summary>
    public static IssuanceTypes? Create(Compilation compilation)
    {
        var types = new IssuanceTypes(WellKnownTypes.GetOrCreate(compilation));
        return types.JwtSecurityToken is null && types.SecurityTokenDescriptor is null && types.JwtPayload is null ? null : types;
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>A token handler: JwtSecurityTokenHandler, JsonWebTokenHandler or anything derived from TokenHandler.</summary>
    public bool IsTokenHandler(ITypeSymbol? type) =>
        TypeHierarchy.IsOrInheritsFrom(type, TokenHandler) || TypeHierarchy.IsOrInheritsFrom(type, JwtSecurityTokenHandler) || TypeHierarchy.IsOrInheritsFrom(type, JsonWebTokenHandler);

    public bool IsClaim(ITypeSymbol? type) => TypeHierarchy.IsOrInheritsFrom(type, Claim);

    public bool IsClaimsIdentity(ITypeSymbol? type) => TypeHierarchy.IsOrInheritsFrom(type, ClaimsIdentity);

    /// <summary>An array of <c>Claim</c> or an <c>IEnumerable&lt;Claim&gt;</c>.</summary>
    public bool IsClaimSequence(ITypeSymbol? type)
    {
        if (type is null || Claim is null)
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return SymbolEqualityComparer.Default.Equals(array.ElementType, Claim);
        }

        if (type is INamedTypeSymbol named && IsEnumerableOfClaim(named))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (IsEnumerableOfClaim(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsEnumerableOfClaim(INamedTypeSymbol type) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
        && SymbolEqualityComparer.Default.Equals(type.TypeArguments[0], Claim);
}
