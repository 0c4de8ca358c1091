using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3007_SecretInTokenPayloadTests
{
    private const string Id = "STL3007";

    private static string Issuing(string claims) => """
        public class User
        {
            public string Id { get; set; } = "";
            public string Email { get; set; } = "";
            public string Password { get; set; } = "";
            public string PasswordHash { get; set; } = "";
            public DateTime PasswordChangedAt { get; set; }
            public bool HasPassword { get; set; }
            public string ApiKey { get; set; } = "";
            public string ApiKeyId { get; set; } = "";
            public string Ssn { get; set; } = "";
            public string CreditCardNumber { get; set; } = "";
            public string CardNumberLast4 { get; set; } = "";
            public string Cvv { get; set; } = "";
            public string SessionId { get; set; } = "";
        }

        public class AuthController
        {
            private readonly Microsoft.Extensions.Configuration.IConfiguration _config;
            public AuthController(Microsoft.Extensions.Configuration.IConfiguration config) => _config = config;

            public string Login(User user, string password, SigningCredentials creds)
            {
                var claims = new List<Claim>
                {
                    new Claim(JwtRegisteredClaimNames.Sub, user.Id),

        """ + claims + """

                };
                var token = new JwtSecurityToken("iss", "aud", claims, expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: creds);
                return new JwtSecurityTokenHandler().WriteToken(token);
            }
        }
        """;

    [Theory]
    [InlineData("{|#0:new Claim(\"password\", password)|},", "password", "a password")]
    [InlineData("{|#0:new Claim(\"pwd\", user.Password)|},", "pwd", "a password")]
    [InlineData("{|#0:new Claim(\"custom\", user.Password)|},", "custom", "a password read from 'user.Password'")]
    [InlineData("{|#0:new Claim(\"hash\", user.PasswordHash)|},", "hash", "a password read from 'user.PasswordHash'")]
    [InlineData("{|#0:new Claim(\"key\", user.ApiKey)|},", "key", "an API key read from 'user.ApiKey'")]
    [InlineData("{|#0:new Claim(\"api_key\", user.Id)|},", "api_key", "an API key")]
    [InlineData("{|#0:new Claim(\"ssn\", user.Ssn)|},", "ssn", "a social security number")]
    [InlineData("{|#0:new Claim(\"cc\", user.CreditCardNumber)|},", "cc", "a credit card number read from 'user.CreditCardNumber'")]
    [InlineData("{|#0:new Claim(\"card_number\", user.Id)|},", "card_number", "a card number")]
    [InlineData("{|#0:new Claim(\"CVV\", user.Cvv)|},", "CVV", "a card security code")]
    [InlineData("{|#0:new Claim(\"client_secret\", user.Id)|},", "client_secret", "a secret")]
    [InlineData("{|#0:new Claim(\"PrivateKey\", user.Id)|},", "PrivateKey", "a private key")]
    [InlineData("{|#0:new Claim(\"stripe\", _config[\"Stripe:ApiKey\"]!)|},", "stripe", "an API key read from '_config[\"Stripe:ApiKey\"]'")]
    [InlineData("{|#0:new Claim(\"userPassword\", password.ToString())|},", "userPassword", "a password")]
    public async Task Reports_secret_claims(string claim, string type, string what) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Issuing(claim), VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments(type, what));

    [Theory]
    [InlineData("new Claim(\"password_changed_at\", user.PasswordChangedAt.ToString(\"o\")),")]
    [InlineData("new Claim(\"pwd_last_set\", \"0\"),")]
    [InlineData("new Claim(\"has_password\", user.HasPassword.ToString()),")]
    [InlineData("new Claim(\"pwd_changed\", user.PasswordChangedAt.ToString(\"o\")),")]
    [InlineData("new Claim(\"api_key_id\", user.ApiKeyId),")]
    [InlineData("new Claim(\"card_last4\", user.CardNumberLast4),")]
    [InlineData("new Claim(ClaimTypes.Email, user.Email),")]
    [InlineData("new Claim(\"session\", user.SessionId),")]
    [InlineData("new Claim(\"login_method\", \"passwordless\"),")]
    [InlineData("new Claim(\"title\", \"secretary\"),")]
    [InlineData("new Claim(\"must_change_password\", \"true\"),")]
    [InlineData("new Claim(\"password_expires_at\", user.PasswordChangedAt.AddDays(90).ToString(\"o\")),")]
    [InlineData("new Claim(ClaimTypes.Role, \"admin\"),")]
    public async Task Silent_for_claims_about_secrets_and_ordinary_claims(string claim) =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + Issuing(claim));

    [Fact]
    public async Task Reports_secret_entries_of_descriptor_claims_and_payloads() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public class TokenService
            {
                public string Issue(string user, string apiKey, SigningCredentials creds)
                {
                    var descriptor = new SecurityTokenDescriptor
                    {
                        Claims = new Dictionary<string, object> { {|#0:["api_key"] = apiKey|} },
                    };
                    descriptor.Claims.Add("sub", user);
                    var payload = new JwtPayload { { "sub", user } };
                    {|#1:payload.Add("secret", apiKey)|};
                    new JwtSecurityToken(new JwtHeader(creds), payload);
                    return new JwtSecurityTokenHandler().CreateEncodedJwt(descriptor);
                }
            }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("api_key", "an API key"),
            VerifyCS.Diagnostic(Id).WithLocation(1).WithArguments("secret", "a secret"));

    [Fact]
    public async Task Reports_secret_claims_built_by_a_helper_of_a_type_that_mints_tokens() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public class TokenService
            {
                public string Issue(string user, string password, SigningCredentials creds)
                {
                    var token = new JwtSecurityToken("iss", "aud", BuildClaims(user, password), expires: DateTime.UtcNow.AddMinutes(15), signingCredentials: creds);
                    return new JwtSecurityTokenHandler().WriteToken(token);
                }

                private static IEnumerable<Claim> BuildClaims(string user, string password) => new[]
                {
                    new Claim(ClaimTypes.Name, user),
                    {|#0:new Claim("pw", password)|},
                };
            }
            """,
            VerifyCS.Diagnostic(Id).WithLocation(0).WithArguments("pw", "a password read from 'password'"));

    [Fact]
    public async Task Silent_for_claims_of_a_type_that_mints_no_tokens() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public class CookieLogin
            {
                public ClaimsPrincipal Principal(string user, string password) =>
                    new(new ClaimsIdentity(new[] { new Claim(ClaimTypes.Name, user), new Claim("password", password) }, "Cookies"));
            }
            """);

    [Fact]
    public async Task Silent_for_a_claim_look_alike_in_another_namespace() =>
        await VerifyCS.VerifyRuleAsync(Id, Usings + """
            public class Issuer
            {
                public object Issue(string password)
                {
                    var extra = new MyApp.Claim("password", password);
                    return new JwtSecurityToken("iss", "aud", null, expires: DateTime.UtcNow.AddMinutes(5));
                }
            }
            namespace MyApp { public class Claim { public Claim(string type, string value) { } } }
            """);

    [Theory]
    [InlineData("password", true)]
    [InlineData("Password", true)]
    [InlineData("user_password", true)]
    [InlineData("PasswordHash", true)]
    [InlineData("x-api-key", true)]
    [InlineData("APIKey", true)]
    [InlineData("apikey", true)]
    [InlineData("private_key", true)]
    [InlineData("creditcardnumber", true)]
    [InlineData("SSN", true)]
    [InlineData("cvv2", true)]
    [InlineData("client_secret", true)]
    [InlineData("password_changed_at", false)]
    [InlineData("PasswordLastChanged", false)]
    [InlineData("pwd_last_set", false)]
    [InlineData("has_password", false)]
    [InlineData("IsSecret", false)]
    [InlineData("api_key_id", false)]
    [InlineData("card_number_last4", false)]
    [InlineData("passwordless", false)]
    [InlineData("secretary", false)]
    [InlineData("session", false)]
    [InlineData("lessons", false)]
    [InlineData("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", false)]
    [InlineData("keypad", false)]
    public void Secret_name_matching(string name, bool secret) =>
        Assert.Equal(secret, SecretNames.Match(name) is not null);
}
