using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Shop.Web.Auth;

/// <summary>
/// OpenID Connect sign-in through the package's AddOpenIdConnect: the code flow's parameters are not STL2001's (the
/// id_token comes from the provider's token endpoint); the implicit flow's are. The Google sign-in chained first must
/// not stop the chain from binding, even with a name in its lambda that does not resolve (IdentityServer4's quickstarts).
/// </summary>
public static class SignIn
{
    public static void AddShopSignIn(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddGoogle("Google", options =>
            {
                // A name of a package the scanner has no contents for (IdentityServerConstants in the quickstarts).
                options.SignInScheme = ExternalSchemes.Cookie;
            })
            .AddOpenIdConnect("code", options =>
            {
                options.Authority = "https://login.example.com";
                options.ResponseType = "code";
                options.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name" };
            })
            .AddOpenIdConnect("implicit", options =>
            {
                options.Authority = "https://login.example.com";
                options.ResponseType = "id_token";
                options.TokenValidationParameters = new TokenValidationParameters { NameClaimType = "name" };
            });
    }
}
