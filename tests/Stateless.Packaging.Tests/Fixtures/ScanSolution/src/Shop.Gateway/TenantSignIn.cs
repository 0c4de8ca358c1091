using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Gateway;

/// <summary>
/// A tenant's OpenID Connect sign-in built per request from its settings. The OpenID Connect package comes to this
/// project only through Duende IdentityServer, which Shop.Core references: the options must bind as in a build, where
/// the code flow's parameters are neither unpinned bearer parameters (STL2001) nor JWT validation to revoke (STL2008).
/// </summary>
public static class TenantSignIn
{
    public static OpenIdConnectOptions For(string authority) => new OpenIdConnectOptions
    {
        Authority = authority,
        ResponseType = "code",
        TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name" },
    };
}
