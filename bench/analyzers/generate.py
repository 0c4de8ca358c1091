"""Generates a realistic ASP.NET Core web project of N source files for analyzer benchmarks.

The files mix the shapes Stateless.Analyzers looks at (and many it must ignore): MVC controllers with and without
static state, minimal-API endpoint groups, singleton services (some registered with AddSingleton and keeping
per-client state), JWT validation set-up (TokenValidationParameters and AddJwtBearer lambdas), token minting (JwtSecurityToken
and SecurityTokenDescriptor), session / data-protection / cache set-up and middleware delegates, plus plain domain
code. Every rule family sees both shapes it must flag and shapes it must leave alone. Deterministic for a given N.
"""
import os
import random
import sys

CONTROLLER = '''using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

namespace Bench.Controllers;

[ApiController]
[Route("api/items{i}")]
public class Items{i}Controller : ControllerBase
{{
    private static readonly ConcurrentDictionary<string, List<int>> Cache{i} = new();
    private static readonly string[] Sorts = {{ "name", "price" }};
    private readonly ILogger<Items{i}Controller> _logger;

    public Items{i}Controller(ILogger<Items{i}Controller> logger) => _logger = logger;

    [HttpGet("{{userId}}")]
    public IActionResult Get(string userId, int page = 0)
    {{
        var items = Cache{i}.GetOrAdd(userId, _ => new List<int>());
        var total = 0;
        for (var k = 0; k < items.Count; k++) {{ total += items[k] * (page + 1); }}
        return Ok(new {{ userId, total, sort = Sorts[page % Sorts.Length], price = userId.Length * 1.5m }});
    }}

    [HttpPost("{{userId}}/{{value}}")]
    public IActionResult Add(string userId, int value)
    {{
        Cache{i}.AddOrUpdate(userId, _ => new List<int> {{ value }}, (_, list) => {{ list.Add(value); return list; }});
        return NoContent();
    }}
}}
'''

SERVICE = '''using System.Collections.Generic;

namespace Bench.Services;

public sealed class Catalog{i}
{{
    private readonly Dictionary<string, decimal> _prices = new();
    private readonly IReadOnlyDictionary<string, decimal> _defaults = new Dictionary<string, decimal> {{ ["a"] = 1m }};
    private int _lookups;

    public decimal Price(string sku)
    {{
        _lookups++;
        if (!_prices.TryGetValue(sku, out var price))
        {{
            price = _defaults.TryGetValue(sku, out var d) ? d : sku.Length * 1.5m;
            _prices[sku] = price;
        }}
        return price;
    }}

    public int Lookups => _lookups;
}}
'''

ENDPOINTS = '''using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Bench.Endpoints;

public static class Orders{i}Endpoints
{{
    public static void MapOrders{i}(this IEndpointRouteBuilder app)
    {{
        var group = app.MapGroup("/orders{i}");
        var created = 0;
        var recent = new List<string>();
        group.MapGet("/", () => Results.Ok(new {{ created, recent = recent.Count }}));
        group.MapPost("/{{id}}", (string id) => {{ created++; recent.Add(id); return Results.Created($"/orders{i}/{{id}}", id); }});
        group.MapGet("/{{id}}", (string id, HttpContext context) => Results.Ok(new {{ id, user = context.User.Identity?.Name }}));
    }}
}}
'''

JWT = '''using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Bench.Security;

public static class Validation{i}
{{
    public static TokenValidationParameters Create(string key)
    {{
        var parameters = new TokenValidationParameters
        {{
            ValidateIssuer = true,
            ValidIssuer = "https://issuer{i}",
            ValidateAudience = {aud},
            ValidAudience = "api{i}",
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes({skew}),
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        }};
        {alg}
        return parameters;
    }}
}}
'''

MINT = '''using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Bench.Security;

public sealed class Minter{i}
{{
    private readonly SigningCredentials _credentials;

    public Minter{i}(SecurityKey key) => _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);

    public string Mint(string subject)
    {{
        var lifetime = TimeSpan.FromMinutes({minutes});
        var token = new JwtSecurityToken(
            issuer: "https://issuer{i}",
            audience: "api{i}",
            claims: new[] {{ new Claim(JwtRegisteredClaimNames.Sub, subject), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString()) }},
            expires: DateTime.UtcNow.Add(lifetime),
            signingCredentials: _credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }}
}}
'''


BEARER = '''using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Bench.Auth;

public static class Auth{i}Extensions
{{
    public static IServiceCollection AddAuth{i}(this IServiceCollection services, IConfiguration configuration)
    {{
        var key = configuration["Jwt:Key{i}"] ?? throw new InvalidOperationException("Jwt:Key{i}");
        services.AddAuthentication().AddJwtBearer("scheme{i}", options =>
        {{
            options.Authority = "https://login{i}.example";
            options.TokenValidationParameters = new TokenValidationParameters
            {{
                ValidateIssuer = true,
                ValidIssuer = "https://login{i}.example",
                ValidateAudience = {aud},
                ValidAudience = "api{i}",
                ValidateLifetime = true,
                ClockSkew = TimeSpan.FromMinutes({skew}),
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            }};
            options.Events = new JwtBearerEvents
            {{
                OnTokenValidated = context =>
                {{
                    var subject = context.Principal?.FindFirst("sub")?.Value;
                    return subject is null ? Task.CompletedTask : Task.CompletedTask;
                }},
            }};
        }});
        return services;
    }}
}}
'''

DESCRIPTOR = '''using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bench.Security;

public sealed class DescriptorMinter{i}
{{
    private readonly SigningCredentials _credentials;
    private readonly JsonWebTokenHandler _handler = new();

    public DescriptorMinter{i}(SecurityKey key) => _credentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256);

    public string Mint(string subject, string email)
    {{
        var descriptor = new SecurityTokenDescriptor
        {{
            Issuer = "https://issuer{i}",
            Audience = "api{i}",
            Subject = new ClaimsIdentity(new[] {{ new Claim("sub", subject), new Claim("email", email) }}),
            Expires = DateTime.UtcNow.AddMinutes({minutes}),
            SigningCredentials = _credentials,
        }};
        return _handler.CreateToken(descriptor);
    }}
}}
'''

HOSTING = '''using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;

namespace Bench.Hosting;

public static class Hosting{i}Extensions
{{
    public static IServiceCollection AddHosting{i}(this IServiceCollection services)
    {{
        services.AddDistributedMemoryCache();
        services.AddSession(options => options.IdleTimeout = TimeSpan.FromMinutes({minutes}));
        services.AddDataProtection().SetApplicationName("bench{i}");
        services.AddMemoryCache();
        services.AddSingleton<Bench.Services.Catalog{cat}>();
        services.AddSingleton<Counter{i}>();
        services.AddScoped<Bench.Domain.Order{ord}Reader>();
        return services;
    }}

    public static IApplicationBuilder UseHosting{i}(this IApplicationBuilder app)
    {{
        var seen = new HashSet<string>();
        app.UseSession();
        app.Use(async (context, next) =>
        {{
            seen.Add(context.Request.Path);
            context.Response.Headers["x-bench"] = "{i}";
            await next(context);
        }});
        return app;
    }}
}}

public sealed class Counter{i}
{{
    private readonly Dictionary<string, int> _hits = new();

    public int Hit(string userId)
    {{
        _hits[userId] = _hits.TryGetValue(userId, out var n) ? n + 1 : 1;
        return _hits[userId];
    }}
}}
'''

DOMAIN = '''namespace Bench.Domain;

public sealed record Order{i}(string Id, string Customer, decimal Amount)
{{
    public static readonly Order{i} Empty = new("", "", 0m);

    public Order{i} WithDiscount(decimal percent)
    {{
        if (percent < 0 || percent > 100) throw new ArgumentOutOfRangeException(nameof(percent));
        var amount = Amount;
        for (var k = 0; k < 3; k++) {{ amount -= amount * percent / 300m; }}
        return this with {{ Amount = Math.Round(amount, 2) }};
    }}

    public IEnumerable<string> Describe()
    {{
        yield return $"order {{Id}}";
        yield return $"customer {{Customer}}";
        foreach (var part in Customer.Split(' ')) {{ yield return part.ToUpperInvariant(); }}
    }}
}}

public sealed class Order{i}Reader
{{
    private readonly List<Order{i}> _loaded = new();

    public IReadOnlyList<Order{i}> Load(IEnumerable<Order{i}> source)
    {{
        _loaded.Clear();
        _loaded.AddRange(source.Where(o => o.Amount > 0).OrderBy(o => o.Id, StringComparer.Ordinal));
        return _loaded;
    }}
}}
'''

KINDS = [("Controllers", "Items{i}Controller.cs", CONTROLLER), ("Services", "Catalog{i}.cs", SERVICE),
         ("Endpoints", "Orders{i}Endpoints.cs", ENDPOINTS), ("Security", "Validation{i}.cs", JWT),
         ("Security", "Minter{i}.cs", MINT), ("Domain", "Order{i}.cs", DOMAIN),
         ("Auth", "Auth{i}Extensions.cs", BEARER), ("Security", "DescriptorMinter{i}.cs", DESCRIPTOR),
         ("Hosting", "Hosting{i}Extensions.cs", HOSTING), ("Domain", "Order{i}.cs", DOMAIN)]


def generate(root: str, count: int, analyzers_dir: str) -> None:
    rng = random.Random(count)
    os.makedirs(root, exist_ok=True)
    groups = {kind: 0 for kind, _, _ in KINDS}
    registrations, maps, uses = [], [], []
    for n in range(count):
        kind, name, template = KINDS[n % len(KINDS)]
        i = n
        folder = os.path.join(root, kind)
        os.makedirs(folder, exist_ok=True)
        text = template.format(i=i, aud=rng.choice(["true", "false"]), skew=rng.choice([1, 2, 10]),
                               alg=rng.choice(["parameters.ValidAlgorithms = new[] { SecurityAlgorithms.HmacSha256 };", ""]),
                               minutes=rng.choice([15, 60, 720]), cat=i - 7, ord=i - 3)
        with open(os.path.join(folder, name.format(i=i)), "w") as f:
            f.write(text)
        if kind == "Services":
            registrations.append(f"builder.Services.AddSingleton<Bench.Services.Catalog{i}>();")
        if kind == "Endpoints":
            maps.append(f"app.MapOrders{i}();")
        if kind == "Hosting":
            registrations.append(f"builder.Services.AddHosting{i}();")
            uses.append(f"app.UseHosting{i}();")
        if kind == "Auth":
            registrations.append(f"builder.Services.AddAuth{i}(builder.Configuration);")
        groups[kind] += 1
    usings = [f"using Bench.{kind};" for kind in ("Auth", "Endpoints", "Hosting") if groups[kind]]
    program = [*usings, "", "var builder = WebApplication.CreateBuilder(args);",
               "builder.Services.AddControllers();", *registrations, "var app = builder.Build();",
               *uses, "app.MapControllers();", *maps, "app.Run();", ""]
    with open(os.path.join(root, "Program.cs"), "w") as f:
        f.write("\n".join(program))
    with open(os.path.join(root, "Bench.csproj"), "w") as f:
        f.write(f'''<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <NoWarn>$(NoWarn);CS8618;CS1998</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.Authentication.JwtBearer" Version="10.0.15" />
    <PackageReference Include="System.IdentityModel.Tokens.Jwt" Version="8.23.0" />
  </ItemGroup>
  <ItemGroup>
    <Analyzer Include="{analyzers_dir}/Stateless.Analyzers.dll" />
    <Analyzer Include="{analyzers_dir}/Stateless.CodeFixes.dll" />
  </ItemGroup>
</Project>
''')
    # Keep the repository's Directory.Build.* and central package management out of the generated project.
    for name in ("Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"):
        with open(os.path.join(root, name), "w") as f:
            f.write("<Project />\n")


if __name__ == "__main__":
    generate(sys.argv[1], int(sys.argv[2]), sys.argv[3])
