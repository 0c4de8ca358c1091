using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;
using Stateless.Runtime;
using Stateless.Runtime.Redis;
using StatelessShop.Auth;
using StatelessShop.Hubs;
using StatelessShop.Middleware;
using StatelessShop.Services;

// StatelessShop: StatefulShop's features with every piece of per-client state outside the process. Any replica
// can serve any request, and any replica can be killed between two requests.
var builder = WebApplication.CreateBuilder(args);
var redisConnection = builder.Configuration.GetConnectionString("Redis");

builder.Services.AddControllers();
builder.Services.AddSession(o => o.Cookie.Name = ".StatelessShop.Session");
builder.Services.AddSingleton<CartStore>();
builder.Services.AddSingleton<LoginAttemptTracker>();
builder.Services.AddSingleton<VisitCounter>();
builder.Services.AddSingleton<TokenService>();
var signalR = builder.Services.AddSignalR();
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("StatelessShop");

if (!string.IsNullOrEmpty(redisConnection))
{
    // Production: one Redis shared by every replica holds sessions, carts, counters, Data Protection keys,
    // the SignalR backplane, revoked token ids and refresh-token families.
    var redis = ConnectionMultiplexer.Connect(redisConnection);
    builder.Services.AddSingleton<IConnectionMultiplexer>(redis);
    builder.Services.AddStackExchangeRedisCache(o => o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis));
    dataProtection.PersistKeysToStackExchangeRedis(redis, "stateless-shop:data-protection");
    signalR.AddStackExchangeRedis(redisConnection);
    builder.Services.AddSingleton<IJtiDenylist>(sp => new RedisJtiDenylist(redis, "stateless-shop:", sp.GetService<TimeProvider>()));
    builder.Services.AddSingleton<IRefreshTokenStore>(_ => new RedisRefreshTokenStore(redis, "stateless-shop:"));
}
else if (builder.Environment.IsDevelopment())
{
    // Development on one machine: in-memory stores, and Data Protection keys in a folder every local replica shares.
    builder.Services.AddDistributedMemoryCache();
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetTempPath(), "StatelessShop", "data-protection-keys")));
}
else
{
    throw new InvalidOperationException("ConnectionStrings:Redis is required outside Development: StatelessShop keeps no state in the process.");
}

// Embedded defaults for whatever the block above did not register (TryAdd): in-memory denylist and refresh store.
builder.Services.AddStatelessInMemoryRevocation(new RefreshTokenOptions { Lifetime = TimeSpan.FromDays(14), AbsoluteLifetime = TimeSpan.FromDays(60) });

// Signing keys come from configuration (a secret store in production), never from code; every replica loads the same ring.
var jwt = builder.Configuration.GetSection("Jwt");
builder.Services.AddStatelessSigningKeyRing(ring => ring.Add(new SymmetricSecurityKey(Convert.FromBase64String(
    jwt["SigningKey"] ?? throw new InvalidOperationException("Jwt:SigningKey is not configured")))
{
    KeyId = jwt["KeyId"] ?? throw new InvalidOperationException("Jwt:KeyId is not configured"),
}));
builder.Services.AddStatelessTokenIssuer(sp => new StatelessTokenIssuerOptions
{
    Issuer = jwt["Issuer"]!,
    Audience = jwt["Audience"]!,
    Algorithm = SecurityAlgorithms.HmacSha256,
    Keys = sp.GetRequiredService<SigningKeyRing>(),
    Lifetime = TimeSpan.FromMinutes(15),
});
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddStatelessJwtBearer(sp => new StatelessTokenVerifierOptions
    {
        Issuer = jwt["Issuer"]!,
        Audiences = [jwt["Audience"]!],
        Algorithms = [SecurityAlgorithms.HmacSha256],
        Keys = sp.GetRequiredService<SigningKeyRing>(),
        RequiredType = StatelessTokenDefaults.AccessTokenType, // the issuer's typ: no other JWT of this key passes
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseMiddleware<RequestCounterMiddleware>();
app.UseSession();
app.UseAuthentication();
app.UseAuthorization();

// The page-view counter lives in the shared cache, not in a captured local.
app.MapGet("/visits", async (HttpContext context, VisitCounter counter, CancellationToken cancellationToken) =>
    Results.Ok(await counter.VisitAsync(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken)));

app.MapControllers();
app.MapHub<ChatHub>("/chat");
app.MapGet("/", () => "StatelessShop: every replica is interchangeable.");
app.Run();

/// <summary>Entry point marker for integration tests.</summary>
public partial class Program;
