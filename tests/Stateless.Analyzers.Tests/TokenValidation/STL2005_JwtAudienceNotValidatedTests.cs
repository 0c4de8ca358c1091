using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2005_JwtAudienceNotValidatedTests
{
    private const string Helpers = """

        public static class AudienceHelpers
        {
            public static bool Any(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters) => true;

            public static bool Known(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters) => audiences.Contains("api");

            public static AudienceValidator? Configured { get; set; }
        }
        """;

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidateAudience = false|} };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.ValidateAudience = false|};
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidateAudience = !true|} };""")]
    [InlineData("""
        const bool CheckAudience = false;
        var p = new TokenValidationParameters { {|#0:ValidateAudience = CheckAudience|} };
        """)]
    [InlineData("""
        var validate = false;
        var p = new TokenValidationParameters();
        {|#0:p.ValidateAudience = validate|};
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:AudienceValidator = (audiences, token, parameters) => true|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:AudienceValidator = delegate (IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters) { return true; }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:AudienceValidator = AudienceHelpers.Any|} };""")]
    [InlineData("""
        bool Accept(IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters) => true;
        var p = new TokenValidationParameters { {|#0:AudienceValidator = Accept|} };
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:AudienceValidator = new AudienceValidator((_, _, _) => true)|} };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                {|#0:ValidateAudience = false|},
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configuration["Jwt:Key"]!)),
            };
        });
        """)]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            {|#0:AudienceValidator = (audiences, token, parameters) =>
            {
                ArgumentNullException.ThrowIfNull(audiences);
                return true;
            }|},
        };
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2005_JwtAudienceNotValidated, InMethod(body) + Helpers, At0(Descriptors.STL2005_JwtAudienceNotValidated));
    }

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { ValidateAudience = true, ValidAudience = "api" };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            AudienceValidator = (audiences, token, parameters) =>
            {
                if (!audiences.Contains("api"))
                {
                    throw new SecurityTokenInvalidAudienceException("wrong audience");
                }

                return true;
            },
        };
        """)]
    [InlineData("""var p = new TokenValidationParameters { AudienceValidator = (audiences, token, parameters) => audiences.Contains("api") };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            AudienceValidator = (audiences, token, parameters) =>
            {
                Validators.ValidateAudience(audiences, token, parameters);
                return true;
            },
        };
        """)]
    [InlineData("""var p = new Contoso.Auth.TokenValidationParameters { ValidateAudience = false, AudienceValidator = (a, t, p) => true };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidateAudience = configuration.GetValue<bool>("Jwt:ValidateAudience") };""")]
    [InlineData("""
        var p = new TokenValidationParameters { ValidateAudience = false };
        p.ValidateAudience = true;
        """)]
    [InlineData("""var p = new TokenValidationParameters { AudienceValidator = AudienceHelpers.Configured };""")]
    [InlineData("""var p = new TokenValidationParameters { AudienceValidator = AudienceHelpers.Known };""")]
    [InlineData("""var p = new TokenValidationParameters { AudienceValidator = (audiences, token, parameters) => audiences.Any() ? audiences.First() == "api" : false };""")]
    [InlineData("""var p = new TokenValidationParameters { RequireAudience = false, ValidateAudience = true };""")]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2005_JwtAudienceNotValidated, InMethodWithLookAlikes(body) + Helpers);
    }

    private const string ApiWithoutAudience = """
        services.AddAuthentication("Bearer").AddJwtBearer("Bearer", options =>
        {
            options.Authority = "https://localhost:5001";
            options.TokenValidationParameters = new TokenValidationParameters { {|#0:ValidateAudience = false|} };
        });
        """;

    [Theory]
    [InlineData("""policy.RequireClaim("scope", "api1")""")]
    [InlineData("""policy.RequireClaim(Claims.Scope, "api1")""")]
    [InlineData("""policy.RequireClaim("scp", new[] { "api1" })""")]
    [InlineData("""policy.RequireScope("api1")""")]
    public async Task Silent_when_a_policy_of_the_project_requires_a_scope_claim(string requirement)
    {
        // IdentityServer4's quickstart APIs: scope-only tokens carry no aud, and every endpoint requires scope api1.
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2005_JwtAudienceNotValidated,
            new[] { InMethod(ApiWithoutAudience.Replace("{|#0:", "").Replace("|}", "")), Policies(requirement) },
            null);
    }

    [Theory]
    [InlineData("""policy.RequireClaim("role", "admin")""")]
    [InlineData("""policy.RequireClaim(configuration["ClaimType"]!, "api1")""")]
    [InlineData("""new LookAlikePolicy().RequireClaim("scope", "api1")""")]
    [InlineData("""new LookAlikePolicy().RequireScope("api1")""")]
    public async Task Reports_when_no_policy_requires_a_scope_claim(string requirement)
    {
        await VerifyCS.VerifyRuleAsync(
            DiagnosticIds.STL2005_JwtAudienceNotValidated,
            new[] { InMethod(ApiWithoutAudience), Policies(requirement) },
            null,
            At0(Descriptors.STL2005_JwtAudienceNotValidated));
    }

    private static string Policies(string requirement) => Usings + $$"""
        using Microsoft.AspNetCore.Authorization;

        public static class Policies
        {
            public static void Add(IServiceCollection services, IConfiguration configuration) =>
                services.AddAuthorization(options => options.AddPolicy("ApiScope", policy =>
                {
                    policy.RequireAuthenticatedUser();
                    {{requirement}};
                }));
        }

        public static class Claims
        {
            public const string Scope = "scope";
        }

        public static class ScopePolicyExtensions
        {
            public static AuthorizationPolicyBuilder RequireScope(this AuthorizationPolicyBuilder builder, params string[] scopes) => builder;
        }

        public sealed class LookAlikePolicy
        {
            public LookAlikePolicy RequireClaim(string type, params string[] values) => this;

            public LookAlikePolicy RequireScope(params string[] scopes) => this;
        }
        """;
}
