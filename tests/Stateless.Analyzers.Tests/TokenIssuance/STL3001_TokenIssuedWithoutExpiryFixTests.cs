using System.Threading.Tasks;
using Stateless.Analyzers.TokenIssuance;
using Stateless.CodeFixes.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer, Stateless.CodeFixes.TokenIssuance.TokenExpiryCodeFix>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

public class STL3001_TokenIssuedWithoutExpiryFixTests
{
    [Fact]
    public async Task Adds_expires_to_a_constructor() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3001",
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(Claim[] claims, SigningCredentials creds)
                    {
                        var token = {|#0:new JwtSecurityToken(
                            issuer: "iss",
                            audience: "aud",
                            claims: claims,
                            signingCredentials: creds)|};
                        return token;
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(Claim[] claims, SigningCredentials creds)
                    {
                        var token = new JwtSecurityToken(
                            issuer: "iss",
                            audience: "aud",
                            claims: claims,
                            expires: DateTime.UtcNow.AddMinutes(60),
                            signingCredentials: creds);
                        return token;
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3001").WithLocation(0) });

    [Fact]
    public async Task Replaces_a_null_expiry_with_the_configured_budget() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3001",
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(SigningCredentials creds) => {|#0:new JwtSecurityToken("iss", "aud", null, null, null, creds)|};
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(SigningCredentials creds) => new JwtSecurityToken("iss", "aud", null, null, DateTime.UtcNow.AddMinutes(15), creds);
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3001").WithLocation(0) },
            editorConfig: "stateless_max_access_token_lifetime = 15m");

    [Fact]
    public async Task Adds_expires_to_a_descriptor_issued_without_default_times() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3001",
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    public string Issue(ClaimsIdentity subject, SigningCredentials creds)
                    {
                        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
                        var descriptor = {|#0:new SecurityTokenDescriptor|}
                        {
                            Subject = subject,
                            SigningCredentials = creds,
                        };
                        return handler.WriteToken(handler.CreateToken(descriptor));
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    public string Issue(ClaimsIdentity subject, SigningCredentials creds)
                    {
                        var handler = new JwtSecurityTokenHandler { SetDefaultTimesOnTokenCreation = false };
                        var descriptor = new SecurityTokenDescriptor
                        {
                            Subject = subject,
                            SigningCredentials = creds,
                            Expires = DateTime.UtcNow.AddSeconds(90),
                        };
                        return handler.WriteToken(handler.CreateToken(descriptor));
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3001").WithLocation(0) },
            editorConfig: "stateless_max_access_token_lifetime = 90s");

    [Fact]
    public async Task Fix_all_adds_expiry_in_two_documents() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3001",
            WithUsings(new[]
            {
                """
                public class A
                {
                    public JwtSecurityToken One() => {|#0:new JwtSecurityToken("iss", "aud")|};
                    public JwtSecurityToken Two() => {|#1:new JwtSecurityToken(issuer: "iss")|};
                }
                """,
                """
                public class B
                {
                    public string Three(SigningCredentials creds)
                    {
                        var handler = new JwtSecurityTokenHandler();
                        handler.SetDefaultTimesOnTokenCreation = false;
                        return handler.CreateEncodedJwt({|#2:new SecurityTokenDescriptor()|});
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class A
                {
                    public JwtSecurityToken One() => new JwtSecurityToken("iss", "aud", expires: DateTime.UtcNow.AddMinutes(60));
                    public JwtSecurityToken Two() => new JwtSecurityToken(issuer: "iss", expires: DateTime.UtcNow.AddMinutes(60));
                }
                """,
                """
                public class B
                {
                    public string Three(SigningCredentials creds)
                    {
                        var handler = new JwtSecurityTokenHandler();
                        handler.SetDefaultTimesOnTokenCreation = false;
                        return handler.CreateEncodedJwt(new SecurityTokenDescriptor() { Expires = DateTime.UtcNow.AddMinutes(60) });
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3001").WithLocation(0), VerifyCS.Diagnostic("STL3001").WithLocation(1), VerifyCS.Diagnostic("STL3001").WithLocation(2) });

    [Fact]
    public async Task Shortens_a_constructor_expiry_on_the_same_clock() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3002",
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(SigningCredentials creds) =>
                        new JwtSecurityToken("iss", "aud", null, expires: {|#0:DateTime.Now.AddDays(7)|}, signingCredentials: creds); // a week
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue(SigningCredentials creds) =>
                        new JwtSecurityToken("iss", "aud", null, expires: DateTime.Now.AddMinutes(60), signingCredentials: creds); // a week
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3002").WithLocation(0) });

    [Fact]
    public async Task Shortens_a_descriptor_expiry_folded_through_locals() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3002",
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    private readonly TimeProvider _time = TimeProvider.System;

                    public SecurityTokenDescriptor Describe()
                    {
                        var lifetime = TimeSpan.FromHours(12);
                        var now = _time.GetUtcNow();
                        return new SecurityTokenDescriptor
                        {
                            Audience = "api",
                            NotBefore = now.UtcDateTime,
                            Expires = {|#0:now.Add(lifetime).UtcDateTime|},
                        };
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    private readonly TimeProvider _time = TimeProvider.System;

                    public SecurityTokenDescriptor Describe()
                    {
                        var lifetime = TimeSpan.FromHours(12);
                        var now = _time.GetUtcNow();
                        return new SecurityTokenDescriptor
                        {
                            Audience = "api",
                            NotBefore = now.UtcDateTime,
                            Expires = now.AddMinutes(15).UtcDateTime,
                        };
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3002").WithLocation(0) },
            editorConfig: "stateless_max_access_token_lifetime = 00:15:00");

    [Fact]
    public async Task Shortens_the_expiry_where_the_local_is_computed() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3002",
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    private const int TokenDays = 30;

                    public object Issue(SigningCredentials creds)
                    {
                        var expires = DateTime.UtcNow.AddDays(TokenDays);
                        var token = new JwtSecurityToken("iss", "aud", expires: {|#0:expires|}, signingCredentials: creds);
                        return new { token = new JwtSecurityTokenHandler().WriteToken(token), expires };
                    }
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class TokenService
                {
                    private const int TokenDays = 30;

                    public object Issue(SigningCredentials creds)
                    {
                        var expires = DateTime.UtcNow.AddMinutes(60);
                        var token = new JwtSecurityToken("iss", "aud", expires: expires, signingCredentials: creds);
                        return new { token = new JwtSecurityTokenHandler().WriteToken(token), expires };
                    }
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3002").WithLocation(0) });

    [Fact]
    public async Task Fix_all_shortens_lifetimes_in_two_documents() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3002",
            WithUsings(new[]
            {
                """
                public class A
                {
                    public JwtSecurityToken One() => new JwtSecurityToken(expires: {|#0:DateTime.UtcNow.AddHours(24)|});
                    public SecurityTokenDescriptor Two() => new SecurityTokenDescriptor { Expires = {|#1:DateTime.UtcNow + TimeSpan.FromDays(7)|} };
                }
                """,
                """
                public class B
                {
                    public JwtPayload Three() => new JwtPayload("iss", "aud", null, null, {|#2:DateTimeOffset.UtcNow.AddDays(1).UtcDateTime|});
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class A
                {
                    public JwtSecurityToken One() => new JwtSecurityToken(expires: DateTime.UtcNow.AddMinutes(60));
                    public SecurityTokenDescriptor Two() => new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddMinutes(60) };
                }
                """,
                """
                public class B
                {
                    public JwtPayload Three() => new JwtPayload("iss", "aud", null, null, DateTimeOffset.UtcNow.AddMinutes(60).UtcDateTime);
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3002").WithLocation(0), VerifyCS.Diagnostic("STL3002").WithLocation(1), VerifyCS.Diagnostic("STL3002").WithLocation(2) });
    [Fact]
    public async Task Replaces_an_expiry_at_the_end_of_time() =>
        await VerifyCS.VerifyRuleFixAsync(
            "STL3002",
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue() => new JwtSecurityToken("iss", "aud", expires: {|#0:DateTime.MaxValue|});
                }
                """,
            }),
            WithUsings(new[]
            {
                """
                public class AuthController
                {
                    public JwtSecurityToken Issue() => new JwtSecurityToken("iss", "aud", expires: DateTime.UtcNow.AddMinutes(60));
                }
                """,
            }),
            new[] { VerifyCS.Diagnostic("STL3002").WithLocation(0) });
}
