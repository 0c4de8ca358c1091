namespace Stateless.Analyzers.Infrastructure;

/// <summary>Microsoft.IdentityModel / System.IdentityModel.Tokens.Jwt types shared by the token rule families.</summary>
internal static partial class MetadataNames
{
    public const string TokenValidationParameters = "Microsoft.IdentityModel.Tokens.TokenValidationParameters";
    public const string SecurityTokenDescriptor = "Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor";
    public const string SecurityAlgorithms = "Microsoft.IdentityModel.Tokens.SecurityAlgorithms";
    public const string SecurityKey = "Microsoft.IdentityModel.Tokens.SecurityKey";
    public const string SymmetricSecurityKey = "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey";
    public const string RsaSecurityKey = "Microsoft.IdentityModel.Tokens.RsaSecurityKey";
    public const string ECDsaSecurityKey = "Microsoft.IdentityModel.Tokens.ECDsaSecurityKey";
    public const string X509SecurityKey = "Microsoft.IdentityModel.Tokens.X509SecurityKey";
    public const string JsonWebKey = "Microsoft.IdentityModel.Tokens.JsonWebKey";
    public const string SigningCredentials = "Microsoft.IdentityModel.Tokens.SigningCredentials";

    /// <summary>
    /// Where a key encrypts or decrypts tokens instead of signing them: the <c>EncryptingCredentials</c> constructor,
    /// OpenIddict's <c>AddEncryptionKey</c>, and <c>TokenValidationParameters.TokenDecryptionKey</c>.
    /// </summary>
    public static readonly (string Type, string Member)[] EncryptionKeyUses =
    {
        ("Microsoft.IdentityModel.Tokens.EncryptingCredentials", ".ctor"),
        ("OpenIddict.Server.OpenIddictServerBuilder", "AddEncryptionKey"),
        ("OpenIddict.Validation.OpenIddictValidationBuilder", "AddEncryptionKey"),
        (TokenValidationParameters, "TokenDecryptionKey"),
    };
    public const string JsonWebTokenHandler = "Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler";
    public const string JsonWebToken = "Microsoft.IdentityModel.JsonWebTokens.JsonWebToken";
    public const string JwtSecurityTokenHandler = "System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler";
    public const string JwtSecurityToken = "System.IdentityModel.Tokens.Jwt.JwtSecurityToken";
    public const string JwtHeader = "System.IdentityModel.Tokens.Jwt.JwtHeader";
    public const string JwtPayload = "System.IdentityModel.Tokens.Jwt.JwtPayload";
    public const string JwtRegisteredClaimNames = "System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames";
    public const string JsonWebTokensJwtRegisteredClaimNames = "Microsoft.IdentityModel.JsonWebTokens.JwtRegisteredClaimNames";
    public const string JwtBearerOptions = "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions";
    public const string JwtBearerExtensions = "Microsoft.Extensions.DependencyInjection.JwtBearerExtensions";
    public const string Claim = "System.Security.Claims.Claim";
    public const string ClaimsIdentity = "System.Security.Claims.ClaimsIdentity";
    public const string TimeSpan = "System.TimeSpan";
    public const string DateTime = "System.DateTime";
    public const string DateTimeOffset = "System.DateTimeOffset";
    public const string Encoding = "System.Text.Encoding";
    public const string Convert = "System.Convert";
    public const string RandomNumberGenerator = "System.Security.Cryptography.RandomNumberGenerator";
}
