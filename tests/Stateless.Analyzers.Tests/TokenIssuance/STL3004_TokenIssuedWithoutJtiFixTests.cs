using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using Stateless.CodeFixes.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer, Stateless.CodeFixes.TokenIssuance.TokenJtiCodeFix>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3004_TokenIssuedWithoutJtiFixTests
{
    private const string Id = "STL3004";

    [Fact]
    public async Task Adds_jti_to_a_multi_line_claims_array() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(string user)
                    {
                        var claims = new[]
                        {
                            new Claim(JwtRegisteredClaimNames.Sub, user),
                            new Claim(ClaimTypes.Role, "admin")
                        };
                        return {|#0:new JwtSecurityToken("iss", "aud", claims, expires: DateTime.UtcNow.AddMinutes(15))|};
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(string user)
                    {
                        var claims = new[]
                        {
                            new Claim(JwtRegisteredClaimNames.Sub, user),
                            new Claim(ClaimTypes.Role, "admin"),
                            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString())
                        };
                        return new JwtSecurityToken("iss", "aud", claims, expires: DateTime.UtcNow.AddMinutes(15));
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0) });

    [Fact]
    public async Task Adds_jti_to_a_list_with_a_trailing_comma_and_later_adds() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(string user, string[] roles)
                    {
                        var claims = new List<Claim>
                        {
                            new Claim(ClaimTypes.Name, user),
                        };
                        foreach (var role in roles)
                        {
                            claims.Add(new Claim(ClaimTypes.Role, role));
                        }

                        return {|#0:new JwtSecurityToken(claims: claims)|};
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(string user, string[] roles)
                    {
                        var claims = new List<Claim>
                        {
                            new Claim(ClaimTypes.Name, user),
                            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
                        };
                        foreach (var role in roles)
                        {
                            claims.Add(new Claim(ClaimTypes.Role, role));
                        }

                        return new JwtSecurityToken(claims: claims);
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0) });

    [Fact]
    public async Task Adds_a_claims_argument_when_the_constructor_has_none() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue() => {|#0:new JwtSecurityToken("iss", "aud", expires: DateTime.UtcNow.AddMinutes(15))|};
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue() => new JwtSecurityToken("iss", "aud", claims: new[] { new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) }, expires: DateTime.UtcNow.AddMinutes(15));
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0) });

    [Fact]
    public async Task Adds_jti_to_the_subject_identity_claims() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    public SecurityToken Issue(string user)
                    {
                        var descriptor = {|#0:new SecurityTokenDescriptor|}
                        {
                            Subject = new ClaimsIdentity(new Claim[] { new Claim(ClaimTypes.Name, user) }),
                            Expires = DateTime.UtcNow.AddMinutes(15),
                        };
                        return new JwtSecurityTokenHandler().CreateToken(descriptor);
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    public SecurityToken Issue(string user)
                    {
                        var descriptor = new SecurityTokenDescriptor
                        {
                            Subject = new ClaimsIdentity(new Claim[] { new Claim(ClaimTypes.Name, user), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) }),
                            Expires = DateTime.UtcNow.AddMinutes(15),
                        };
                        return new JwtSecurityTokenHandler().CreateToken(descriptor);
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0) });

    [Fact]
    public async Task Adds_jti_to_the_claims_dictionary_in_its_style() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    public SecurityToken Issue(string user)
                    {
                        var descriptor = {|#0:new SecurityTokenDescriptor|}
                        {
                            Claims = new Dictionary<string, object> { { "sub", user } },
                        };
                        return new JwtSecurityTokenHandler().CreateToken(descriptor);
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    public SecurityToken Issue(string user)
                    {
                        var descriptor = new SecurityTokenDescriptor
                        {
                            Claims = new Dictionary<string, object> { { "sub", user }, { JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString() } },
                        };
                        return new JwtSecurityTokenHandler().CreateToken(descriptor);
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0) });

    [Fact]
    public async Task Adds_a_claims_dictionary_to_a_descriptor_without_claims_qualifying_an_ambiguous_name() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                using Microsoft.IdentityModel.JsonWebTokens;

                public class TokenService
                {
                    public string Issue(SigningCredentials creds)
                    {
                        var descriptor = {|#0:new SecurityTokenDescriptor|}
                        {
                            Audience = "api",
                            SigningCredentials = creds
                        };
                        return new JsonWebTokenHandler().CreateToken(descriptor);
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                using Microsoft.IdentityModel.JsonWebTokens;

                public class TokenService
                {
                    public string Issue(SigningCredentials creds)
                    {
                        var descriptor = new SecurityTokenDescriptor
                        {
                            Audience = "api",
                            SigningCredentials = creds,
                            Claims = new Dictionary<string, object> { [System.IdentityModel.Tokens.Jwt.JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString() }
                        };
                        return new JsonWebTokenHandler().CreateToken(descriptor);
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0) });

    [Fact]
    public async Task Fix_all_adds_jti_in_two_documents() =>
        await VerifyCS.VerifyRuleFixAsync(
            Id,
            WithUsings(new[]
            {
                """
                public class A
                {
                    public JwtSecurityToken One(string user)
                    {
                        Claim[] claims = [new Claim("sub", user)];
                        return {|#0:new JwtSecurityToken(claims: claims)|};
                    }

                    public JwtSecurityToken Two(string user) => {|#1:new JwtSecurityToken("iss", "aud", new List<Claim>())|};
                }
                """,
                """
                public class B
                {
                    public SecurityToken Three(string user) =>
                        new JwtSecurityTokenHandler().CreateToken({|#2:new SecurityTokenDescriptor|} { Claims = new Dictionary<string, object> { ["sub"] = user } });
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class A
                {
                    public JwtSecurityToken One(string user)
                    {
                        Claim[] claims = [new Claim("sub", user), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString())];
                        return new JwtSecurityToken(claims: claims);
                    }

                    public JwtSecurityToken Two(string user) => new JwtSecurityToken("iss", "aud", new List<Claim>() { new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) });
                }
                """,
                """
                public class B
                {
                    public SecurityToken Three(string user) =>
                        new JwtSecurityTokenHandler().CreateToken(new SecurityTokenDescriptor { Claims = new Dictionary<string, object> { ["sub"] = user, [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString() } });
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic(Id).WithLocation(0), VerifyCS.Diagnostic(Id).WithLocation(1), VerifyCS.Diagnostic(Id).WithLocation(2) });
}
