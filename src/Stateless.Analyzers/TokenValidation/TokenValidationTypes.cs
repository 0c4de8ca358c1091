using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>The IdentityModel and JwtBearer symbols the token-validation rules match, resolved once per compilation.</summary>
internal sealed class TokenValidationTypes
{
    private TokenValidationTypes(WellKnownTypes types, INamedTypeSymbol parameters)
    {
        TokenValidationParameters = parameters;
        JwtBearerOptions = types.Get(MetadataNames.JwtBearerOptions);
        SymmetricSecurityKey = types.Get(MetadataNames.SymmetricSecurityKey);
        RsaSecurityKey = types.Get(MetadataNames.RsaSecurityKey);
        X509SecurityKey = types.Get(MetadataNames.X509SecurityKey);
        ECDsaSecurityKey = types.Get(MetadataNames.ECDsaSecurityKey);
        JwtSecurityToken = types.Get(MetadataNames.JwtSecurityToken);
        JsonWebToken = types.Get(MetadataNames.JsonWebToken);
        JwtHeader = types.Get(MetadataNames.JwtHeader);
        JwtSecurityTokenHandler = types.Get(MetadataNames.JwtSecurityTokenHandler);
        JsonWebTokenHandler = types.Get(MetadataNames.JsonWebTokenHandler);
        TokenHandler = types.Get(MetadataNames.TokenHandlerBase);
    }

    public INamedTypeSymbol TokenValidationParameters { get; }

    public INamedTypeSymbol? JwtBearerOptions { get; }

    public INamedTypeSymbol? SymmetricSecurityKey { get; }

    public INamedTypeSymbol? RsaSecurityKey { get; }

    public INamedTypeSymbol? X509SecurityKey { get; }

    public INamedTypeSymbol? ECDsaSecurityKey { get; }

    public INamedTypeSymbol? JwtSecurityToken { get; }

    public INamedTypeSymbol? JsonWebToken { get; }

    public INamedTypeSymbol? JwtHeader { get; }

    public INamedTypeSymbol? JwtSecurityTokenHandler { get; }

    public INamedTypeSymbol? JsonWebTokenHandler { get; }

    public INamedTypeSymbol? TokenHandler { get; }

    /// <summary>Null when the compilation does not reference Microsoft.IdentityModel.Tokens.</summary>
    public static TokenValidationTypes? Create(Compilation compilation)
    {
        var types = WellKnownTypes.GetOrCreate(compilation);
        return types.Get(MetadataNames.TokenValidationParameters) is { } parameters ? new TokenValidationTypes(types, parameters) : null;
    }

    public bool IsParameters(ITypeSymbol? type) => TypeHierarchy.IsOrInheritsFrom(type, TokenValidationParameters);

    public bool IsJwtBearerOptions(ITypeSymbol? type) => JwtBearerOptions is not null && TypeHierarchy.IsOrInheritsFrom(type, JwtBearerOptions);

    /// <summary>A property declared by <c>TokenValidationParameters</c> itself (not a look-alike of the same name).</summary>
    public bool IsParametersProperty(IPropertySymbol property) =>
        SymbolEqualityComparer.Default.Equals(property.OriginalDefinition.ContainingType, TokenValidationParameters);

    /// <summary>The signing family of a key expression's static type, or Unknown.</summary>
    public AlgorithmFamily KeyFamily(ITypeSymbol? type)
    {
        if (TypeHierarchy.IsOrInheritsFrom(type, SymmetricSecurityKey))
        {
            return AlgorithmFamily.Hmac;
        }

        if (TypeHierarchy.IsOrInheritsFrom(type, RsaSecurityKey) || TypeHierarchy.IsOrInheritsFrom(type, X509SecurityKey))
        {
            return AlgorithmFamily.Rsa;
        }

        return TypeHierarchy.IsOrInheritsFrom(type, ECDsaSecurityKey) ? AlgorithmFamily.Ecdsa : AlgorithmFamily.Unknown;
    }
}
