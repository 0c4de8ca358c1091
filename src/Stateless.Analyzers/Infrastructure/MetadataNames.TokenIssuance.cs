namespace Stateless.Analyzers.Infrastructure;

/// <summary>Types the token-issuance and signing-key rules (STL30xx) need beyond the shared IdentityModel names.</summary>
internal static partial class MetadataNames
{
    public const string TokenHandler = "Microsoft.IdentityModel.Tokens.TokenHandler";
    public const string Base64UrlEncoder = "Microsoft.IdentityModel.Tokens.Base64UrlEncoder";
    public const string EpochTime = "Microsoft.IdentityModel.Tokens.EpochTime";
    public const string GenericIdentity = "System.Security.Principal.GenericIdentity";
    public const string RsaParameters = "System.Security.Cryptography.RSAParameters";
    public const string ECParameters = "System.Security.Cryptography.ECParameters";
    public const string IdentityUserManager = "Microsoft.AspNetCore.Identity.UserManager`1";
    public const string IdentityRoleManager = "Microsoft.AspNetCore.Identity.RoleManager`1";
    public const string Enumerable = "System.Linq.Enumerable";
}
