namespace Stateless.Analyzers.Infrastructure;

/// <summary>Types the token-validation rules (STL20xx) need beyond the shared IdentityModel names.</summary>
internal static partial class MetadataNames
{
    public const string TokenHandlerBase = "Microsoft.IdentityModel.Tokens.TokenHandler";
    public const string JwtBearerEvents = "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerEvents";
    public const string TokenValidatedContext = "Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext";
    public const string AuthenticationTokenExtensions = "Microsoft.AspNetCore.Authentication.AuthenticationTokenExtensions";
    public const string AuthenticationHttpContextExtensions = "Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions";
    public const string IJtiDenylist = "Stateless.Runtime.IJtiDenylist";
    public const string StatelessTokenVerifier = "Stateless.Runtime.StatelessTokenVerifier";

    /// <summary>Authorization policies: one that requires a <c>scope</c> claim refuses tokens issued for another API (STL2005).</summary>
    public const string AuthorizationPolicyBuilder = "Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder";

    /// <summary>The OpenID Connect sign-in handler's options: their parameters validate the identity provider's id_token once, at sign-in.</summary>
    public const string OpenIdConnectOptions = "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions";

    /// <summary>
    /// An OAuth 2.0 sign-in handler (the authorization-code grant) and its options: the aspnet-contrib providers (Apple,
    /// SuperOffice, Xero) keep parameters for the id_token their provider's token endpoint returns.
    /// </summary>
    public const string OAuthOptions = "Microsoft.AspNetCore.Authentication.OAuth.OAuthOptions";
    public const string OAuthHandler = "Microsoft.AspNetCore.Authentication.OAuth.OAuthHandler`1";
}
