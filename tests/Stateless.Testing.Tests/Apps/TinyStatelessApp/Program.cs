using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using TinyStatelessApp;

// The smallest stateless app: every piece of per-client state lives in the IDistributedCache (in production a Redis
// registered here with AddStackExchangeRedisCache; under test the fleet supplies one cache shared by all replicas),
// session cookies are protected with keys in a directory every replica reads, and bearer tokens are self-contained.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSession(o => o.Cookie.Name = ".Tiny.Session");
builder.Services.AddDataProtection()
    .SetApplicationName("tiny-stateless")
    .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysPath"]
        ?? Path.Combine(Path.GetTempPath(), "tiny-stateless-keys")));
var signingKey = Encoding.UTF8.GetBytes(builder.Configuration["Tokens:Key"] ?? "tiny-stateless-demo-signing-key!");
var app = builder.Build();

app.UseSession();

app.MapPost("/cart/{user}/items", async (string user, CartLine line, IDistributedCache cache) =>
{
    var cart = await ReadCart(cache, user);
    cart.Add(line);
    await cache.SetStringAsync("cart:" + user, JsonSerializer.Serialize(cart));
    return Results.Ok(cart);
});
app.MapGet("/cart/{user}", async (string user, IDistributedCache cache) => Results.Ok(await ReadCart(cache, user)));

app.MapPost("/viewed/{sku}", async (string sku, HttpContext context) =>
{
    await context.Session.LoadAsync();
    var viewed = (context.Session.GetString("viewed") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
    viewed.Remove(sku);
    viewed.Insert(0, sku);
    context.Session.SetString("viewed", string.Join(',', viewed));
    return Results.Ok(viewed);
});
app.MapGet("/viewed", async (HttpContext context) =>
{
    await context.Session.LoadAsync();
    return Results.Ok((context.Session.GetString("viewed") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
});

app.MapPost("/login", (Login login) =>
{
    if (login.Password != "demo")
    {
        return Results.Unauthorized();
    }

    var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(login.User));
    var signature = Convert.ToBase64String(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(payload)));
    return Results.Ok(new { token = payload + "." + signature, issuedAt = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) });
});
app.MapGet("/me", (HttpContext context) =>
{
    var header = context.Request.Headers.Authorization.ToString();
    var parts = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Split('.') : [];
    if (parts.Length != 2 || !CryptographicOperations.FixedTimeEquals(
            Convert.FromBase64String(parts[1]), HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(parts[0]))))
    {
        return Results.Unauthorized();
    }

    return Results.Ok(new { name = Encoding.UTF8.GetString(Convert.FromBase64String(parts[0])) });
});
app.MapGet("/protect/{text}", (string text, IDataProtectionProvider provider) =>
    provider.CreateProtector("tiny").Protect(text));
app.MapGet("/unprotect", (string value, IDataProtectionProvider provider) =>
    provider.CreateProtector("tiny").Unprotect(value));

app.Run();

static async Task<List<CartLine>> ReadCart(IDistributedCache cache, string user) =>
    await cache.GetStringAsync("cart:" + user) is { } json
        ? JsonSerializer.Deserialize<List<CartLine>>(json) ?? []
        : [];

namespace TinyStatelessApp
{
    /// <summary>A type of this app's assembly for ReplicaFleet's type argument.</summary>
    public sealed class AppMarker;

    internal sealed record CartLine(string Sku, int Quantity);

    internal sealed record Login(string User, string Password);
}
