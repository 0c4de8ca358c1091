using Microsoft.CodeAnalysis.Testing;

namespace Stateless.Analyzers.Tests.TokenValidation;

/// <summary>Sources and expected-diagnostic helpers shared by the STL20xx tests (they run through <c>Verifiers/</c>).</summary>
internal static class TokenTestHelpers
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IdentityModel.Tokens.Jwt;
        using System.Linq;
        using System.Security.Claims;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        """;

    /// <summary>An expected diagnostic of the descriptor's ID and severity, at markup location 0, message not compared.</summary>
    public static DiagnosticResult At0(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, int location = 0) =>
        new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity).WithLocation(location).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    /// <summary>Look-alikes: types with the same simple names as IdentityModel's, in another namespace.</summary>
    public const string LookAlikes = """

        namespace Contoso.Auth
        {
            public sealed class TokenValidationParameters
            {
                public bool ValidateIssuer { get; set; }
                public bool ValidateAudience { get; set; }
                public bool ValidateLifetime { get; set; }
                public bool RequireSignedTokens { get; set; }
                public bool RequireExpirationTime { get; set; }
                public System.TimeSpan ClockSkew { get; set; }
                public System.Collections.Generic.IEnumerable<string>? ValidAlgorithms { get; set; }
                public System.Func<System.DateTime?, System.DateTime?, object, object, bool>? LifetimeValidator { get; set; }
                public System.Func<System.Collections.Generic.IEnumerable<string>, object, object, bool>? AudienceValidator { get; set; }
                public System.Func<string, object, object, string>? IssuerValidator { get; set; }
                public System.Func<string, object, object>? SignatureValidator { get; set; }
            }

            public sealed class JwtSecurityTokenHandler
            {
                public JwtSecurityToken ReadJwtToken(string token) => new JwtSecurityToken(token);
            }

            public sealed class JwtSecurityToken
            {
                public JwtSecurityToken(string token) => Claims = new System.Collections.Generic.List<System.Security.Claims.Claim>();
                public System.Collections.Generic.IEnumerable<System.Security.Claims.Claim> Claims { get; }
                public string Subject => string.Empty;
            }
        }
        """;

    /// <summary>The OpenID Connect handler's options, declared here under their real metadata name.</summary>
    public const string OpenIdConnect = """

        namespace Microsoft.AspNetCore.Authentication.OpenIdConnect
        {
            public class OpenIdConnectOptions
            {
                public string? Authority { get; set; }
                public string ResponseType { get; set; } = "id_token";
                public Microsoft.IdentityModel.Tokens.TokenValidationParameters TokenValidationParameters { get; set; } = null!;
            }

            public static class OpenIdConnectResponseType
            {
                public const string Code = "code";
                public const string IdToken = "id_token";
            }
        }
        """;

    /// <summary>A method body inside a class, with a few handy parameters in scope, plus the look-alikes.</summary>
    public static string InMethodWithLookAlikes(string body) => InMethod(body) + LookAlikes;

    /// <summary>A method body inside a class, with a few handy parameters in scope.</summary>
    public static string InMethod(string body) => Usings + $$"""
        public class Startup
        {
            public void ConfigureServices(IServiceCollection services, IConfiguration configuration, byte[] secret, RSA rsa, ECDsa ecdsa, string issuer)
            {
        {{body}}
            }
        }
        """;
}
