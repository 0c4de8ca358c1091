namespace Stateless.Analyzers.Infrastructure;

/// <summary>Types the token-validation rules (STL20xx) need beyond the shared IdentityModel names.</summary>
internal static partial class MetadataNames
{
    public const string TokenHandler = "Microsoft.IdentityModel.Tokens.TokenHandler";
    public const string SecurityTokenHandler = "Microsoft.IdentityModel.Tokens.SecurityTokenHandler";
    public const string TokenValidationResult = "Microsoft.IdentityModel.Tokens.TokenValidationResult";
    public const string SignatureValidatorDelegate = "Microsoft.IdentityModel.Tokens.SignatureValidator";
    public const string LifetimeValidatorDelegate = "Microsoft.IdentityModel.Tokens.LifetimeValidator";
    public const string AudienceValidatorDelegate = "Microsoft.IdentityModel.Tokens.AudienceValidator";
    public const string IssuerValidatorDelegate = "Microsoft.IdentityModel.Tokens.IssuerValidator";
    public const string JwtBearerEvents = "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerEvents";
    public const string AuthenticationTokenExtensions = "Microsoft.AspNetCore.Authentication.AuthenticationTokenExtensions";
    public const string AuthenticationHttpContextExtensions = "Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions";
    public const string IJtiDenylist = "Stateless.Runtime.IJtiDenylist";
    public const string StatelessTokenVerifier = "Stateless.Runtime.StatelessTokenVerifier";
}
