using System.Threading.Tasks;
using Stateless.Analyzers.TokenValidation;
using static Stateless.Analyzers.Tests.TokenValidation.TokenTestHelpers;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenValidation.TokenValidationAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenValidation;

public class STL2006_JwtIssuerNotValidatedTests
{
    private const string Helpers = """

        public static class IssuerHelpers
        {
            public static string Echo(string issuer, SecurityToken token, TokenValidationParameters parameters) => issuer;

            public static string Trusted(string issuer, SecurityToken token, TokenValidationParameters parameters) =>
                issuer.StartsWith("https://login.example.com/", StringComparison.Ordinal) ? issuer : throw new SecurityTokenInvalidIssuerException("untrusted issuer");

            public static IssuerValidator? Configured { get; set; }
        }
        """;

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidateIssuer = false|} };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.ValidateIssuer = false|};
        });
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:ValidateIssuer = !true|} };""")]
    [InlineData("""
        const bool CheckIssuer = false;
        var p = new TokenValidationParameters { {|#0:ValidateIssuer = CheckIssuer|} };
        """)]
    [InlineData("""
        var check = false;
        var p = new TokenValidationParameters();
        {|#0:p.ValidateIssuer = check|};
        """)]
    [InlineData("""var p = new TokenValidationParameters { {|#0:IssuerValidator = (issuer, token, parameters) => issuer|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:IssuerValidator = (issuer, token, parameters) => token.Issuer|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:IssuerValidator = delegate (string issuer, SecurityToken token, TokenValidationParameters parameters) { return issuer; }|} };""")]
    [InlineData("""var p = new TokenValidationParameters { {|#0:IssuerValidator = IssuerHelpers.Echo|} };""")]
    [InlineData("""
        string Echo(string issuer, SecurityToken token, TokenValidationParameters parameters) => issuer;
        services.AddAuthentication().AddJwtBearer(options =>
        {
            {|#0:options.TokenValidationParameters.IssuerValidator = Echo|};
        });
        """)]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters = new()
            {
                {|#0:ValidateIssuer = false|},
                ValidateAudience = true,
                ValidAudience = "api",
            };
        });
        """)]
    public async Task Reports(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2006_JwtIssuerNotValidated, InMethod(body) + Helpers, At0(Descriptors.STL2006_JwtIssuerNotValidated));
    }

    [Theory]
    [InlineData("""var p = new TokenValidationParameters { ValidateIssuer = true, ValidIssuer = issuer };""")]
    [InlineData("""
        var p = new TokenValidationParameters
        {
            IssuerValidator = (iss, token, parameters) =>
            {
                if (iss != issuer)
                {
                    throw new SecurityTokenInvalidIssuerException("untrusted issuer");
                }

                return iss;
            },
        };
        """)]
    [InlineData("""var p = new TokenValidationParameters { IssuerValidator = IssuerHelpers.Trusted };""")]
    [InlineData("""var p = new TokenValidationParameters { IssuerValidator = (iss, token, parameters) => Validators.ValidateIssuer(iss, token, parameters) };""")]
    [InlineData("""var p = new Contoso.Auth.TokenValidationParameters { ValidateIssuer = false, IssuerValidator = (i, t, p) => i };""")]
    [InlineData("""var p = new TokenValidationParameters { ValidateIssuer = configuration.GetValue<bool>("Jwt:ValidateIssuer") };""")]
    [InlineData("""
        var p = new TokenValidationParameters { ValidateIssuer = false };
        p.ValidateIssuer = true;
        """)]
    [InlineData("""var p = new TokenValidationParameters { IssuerValidator = IssuerHelpers.Configured };""")]
    [InlineData("""var p = new TokenValidationParameters { IssuerValidator = (iss, token, parameters) => iss == issuer ? iss : throw new SecurityTokenInvalidIssuerException() };""")]
    [InlineData("""var p = new TokenValidationParameters { IssuerValidator = (iss, token, parameters) => "https://login.example.com/" };""")]
    [InlineData("""
        services.AddAuthentication().AddJwtBearer(options =>
        {
            options.TokenValidationParameters.ValidateIssuer = issuer.Length > 0;
        });
        """)]
    public async Task Silent(string body)
    {
        await VerifyCS.VerifyRuleAsync(DiagnosticIds.STL2006_JwtIssuerNotValidated, InMethodWithLookAlikes(body) + Helpers);
    }
}
