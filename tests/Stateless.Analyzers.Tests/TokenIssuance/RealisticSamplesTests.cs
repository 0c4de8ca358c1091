using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Stateless.Analyzers.TokenIssuance;
using static Stateless.Analyzers.Tests.TokenIssuance.Templates;
using VerifyTokenIssuance = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.TokenIssuanceAnalyzer>;
using VerifySigningKey = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.TokenIssuance.SigningKeyAnalyzer>;

namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>Tutorial-shaped token code with every rule of the analyzer enabled: exactly the true cases, no false alarm.</summary>
public class RealisticSamplesTests
{
    [Fact]
    public async Task Identity_controller_with_three_token_styles()
    {
        var test = new VerifyTokenIssuance.Test { TestCode = Usings + """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Configuration;
            using Microsoft.AspNetCore.Identity;

            public class LoginModel { public string Username { get; set; } = ""; public string Password { get; set; } = ""; }

            [ApiController, Route("api/[controller]")]
            public class AuthController : ControllerBase
            {
                private readonly IConfiguration _configuration;
                private readonly UserManager<IdentityUser> _userManager;
                public AuthController(IConfiguration configuration, UserManager<IdentityUser> userManager) { _configuration = configuration; _userManager = userManager; }

                [HttpPost("login")]
                public async Task<IActionResult> Login([FromBody] LoginModel model)
                {
                    var user = await _userManager.FindByNameAsync(model.Username);
                    if (user != null && await _userManager.CheckPasswordAsync(user, model.Password))
                    {
                        var userRoles = await _userManager.GetRolesAsync(user);
                        var authClaims = new List<Claim>
                        {
                            new Claim(ClaimTypes.Name, user.UserName!),
                            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()),
                        };
                        foreach (var userRole in userRoles)
                        {
                            authClaims.Add(new Claim(ClaimTypes.Role, userRole));
                        }
                        var token = GetToken(authClaims);
                        return Ok(new { token = new JwtSecurityTokenHandler().WriteToken(token), expiration = token.ValidTo });
                    }
                    return Unauthorized();
                }

                private JwtSecurityToken GetToken(List<Claim> authClaims)
                {
                    var authSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration["JWT:Secret"]!));
                    var token = new JwtSecurityToken(
                        issuer: _configuration["JWT:ValidIssuer"],
                        audience: _configuration["JWT:ValidAudience"],
                        expires: {|#0:DateTime.Now.AddHours(3)|},
                        claims: authClaims,
                        signingCredentials: new SigningCredentials(authSigningKey, SecurityAlgorithms.HmacSha256)
                        );
                    return token;
                }

                public string GenerateJwtToken(IdentityUser user)
                {
                    var tokenHandler = new JwtSecurityTokenHandler();
                    var key = Encoding.ASCII.GetBytes(_configuration["AppSettings:Secret"]!);
                    var tokenDescriptor = {|#1:new SecurityTokenDescriptor|}
                    {
                        Subject = new ClaimsIdentity(new[] { new Claim("id", user.Id.ToString()) }),
                        Expires = {|#2:DateTime.UtcNow.AddDays(7)|},
                        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256Signature)
                    };
                    var token = tokenHandler.CreateToken(tokenDescriptor);
                    return tokenHandler.WriteToken(token);
                }

                public string CreateToken(IdentityUser user, IList<string> roles)
                {
                    List<Claim> claims = new List<Claim> {
                        new Claim(ClaimTypes.Name, user.UserName!),
                        new Claim(ClaimTypes.NameIdentifier, user.Id)
                    };
                    claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
                    var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_configuration.GetSection("AppSettings:Token").Value!));
                    var creds = new SigningCredentials(key, SecurityAlgorithms.HmacSha512Signature);
                    var token = {|#3:new JwtSecurityToken(
                        claims: claims,
                        expires: {|#4:DateTime.Now.AddDays(1)|},
                        signingCredentials: creds)|};
                    var jwt = new JwtSecurityTokenHandler().WriteToken(token);
                    return jwt;
                }
            }
            """ };
        test.ExpectedDiagnostics.AddRange(new[]
        {
            // GetToken: 3 hours; claims come from the caller (who adds the jti), audience from configuration.
            VerifyTokenIssuance.Diagnostic("STL3002").WithLocation(0).WithArguments("3 hours", "1 hour", "~92.6 refreshes/s", "~278 refreshes/s"),
            // GenerateJwtToken: no audience, no jti, 7 days.
            VerifyTokenIssuance.Diagnostic("STL3003").WithLocation(1).WithArguments("SecurityTokenDescriptor"),
            VerifyTokenIssuance.Diagnostic("STL3004").WithLocation(1).WithArguments("SecurityTokenDescriptor"),
            VerifyTokenIssuance.Diagnostic("STL3002").WithLocation(2).WithArguments("7 days", "1 hour", "~1.65 refreshes/s", "~278 refreshes/s"),
            // CreateToken: no audience, no jti (roles projected with Select), 1 day.
            VerifyTokenIssuance.Diagnostic("STL3003").WithLocation(3).WithArguments("JwtSecurityToken"),
            VerifyTokenIssuance.Diagnostic("STL3004").WithLocation(3).WithArguments("JwtSecurityToken"),
            VerifyTokenIssuance.Diagnostic("STL3002").WithLocation(4).WithArguments("1 day", "1 hour", "~11.6 refreshes/s", "~278 refreshes/s"),
        });
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Minimal_api_in_top_level_statements()
    {
        var test = new VerifyTokenIssuance.Test { TestCode = Usings + """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;

            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapPost("/token", (string user) =>
            {
                var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!));
                var token = {|#0:new JwtSecurityToken(
                    issuer: builder.Configuration["Jwt:Issuer"],
                    claims: new[] { new Claim("sub", user), {|#1:new Claim("password", user)|} },
                    expires: {|#2:DateTime.UtcNow.AddDays(30)|},
                    signingCredentials: new SigningCredentials(key, SecurityAlgorithms.HmacSha256))|};
                return Results.Ok(new JwtSecurityTokenHandler().WriteToken(token));
            });
            app.Run();
            """ };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(new[]
        {
            VerifyTokenIssuance.Diagnostic("STL3003").WithLocation(0).WithArguments("JwtSecurityToken"),
            VerifyTokenIssuance.Diagnostic("STL3004").WithLocation(0).WithArguments("JwtSecurityToken"),
            VerifyTokenIssuance.Diagnostic("STL3007").WithLocation(1).WithArguments("password", "a password"),
            VerifyTokenIssuance.Diagnostic("STL3002").WithLocation(2).WithArguments("30 days", "1 hour", "~0.39 refreshes/s", "~278 refreshes/s"),
        });
        await test.RunAsync(CancellationToken.None);
    }
    [Fact]
    public async Task Program_with_auth_options_class_and_jwt_bearer()
    {
        var test = new VerifySigningKey.Test { TestCode = Usings + """
            using Microsoft.AspNetCore.Authentication.JwtBearer;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = AuthOptions.ISSUER,
                    ValidAudience = AuthOptions.AUDIENCE,
                    IssuerSigningKey = AuthOptions.GetSymmetricSecurityKey(),
                };
            });
            builder.Services.AddAuthentication().AddJwtBearer("second", options =>
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!)),
                };
            });
            builder.Build().Run();

            public class AuthOptions
            {
                public const string ISSUER = "MyAuthServer";
                public const string AUDIENCE = "MyAuthClient";
                const string KEY = "mysupersecret_secretkey!123";
                public static SymmetricSecurityKey GetSymmetricSecurityKey() => {|#0:new SymmetricSecurityKey(Encoding.UTF8.GetBytes(KEY))|};
            }

            public class JwtSettings { public string Key { get; set; } = "change-me"; }

            public class JwtService
            {
                private readonly JwtSettings _settings;
                public JwtService(Microsoft.Extensions.Options.IOptions<JwtSettings> settings) => _settings = settings.Value;
                public SigningCredentials Credentials() =>
                    new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_settings.Key)), SecurityAlgorithms.HmacSha256);
            }
            """ };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(new[]
        {
            VerifyTokenIssuance.Diagnostic("STL3005").WithLocation(0).WithArguments("SymmetricSecurityKey", "the constant 'KEY'", Descriptors.SigningKeyConsequence),
            VerifyTokenIssuance.Diagnostic("STL3006").WithLocation(0).WithArguments("216", "27 bytes"),
        });
        await test.RunAsync(CancellationToken.None);
    }
}
