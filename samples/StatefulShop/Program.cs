using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using StatefulShop.Auth;
using StatefulShop.Hubs;
using StatefulShop.Middleware;
using StatefulShop.Services;

// StatefulShop: the "before" sample. Every feature works on one machine and breaks with two replicas.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddSignalR();                          // no backplane: hub messages reach one replica's clients
builder.Services.AddDistributedMemoryCache();           // sessions live in this replica's memory
builder.Services.AddSession(o => o.Cookie.Name = ".StatefulShop.Session");
builder.Services.AddDataProtection();                   // keys generated per replica: cookies fail on the next one
builder.Services.AddSingleton<LoginAttemptTracker>();   // per-user lockout counters in one replica
builder.Services.AddSingleton<LastRequestRecorder>();
builder.Services.AddSingleton<TokenService>();

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(options =>
    {
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = TokenService.Issuer,
            ValidateAudience = false,                   // any audience accepted
            ValidateLifetime = false,                   // expired tokens accepted
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TokenService.SigningSecret)),
        };
    });
builder.Services.AddAuthorization();

var app = builder.Build();

app.UseMiddleware<RequestCounterMiddleware>();
app.UseSession();
app.UseAuthentication();
app.UseAuthorization();

app.Use(async (context, next) =>
{
    context.RequestServices.GetRequiredService<LastRequestRecorder>().Record(context);
    await next();
});

// A page-view counter captured by the route handler: each replica counts its own.
var visits = 0;
var visitors = new List<string>();
app.MapGet("/visits", (HttpContext context) =>
{
    visits++;
    visitors.Add(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    return Results.Ok(new { visits, distinct = visitors.Distinct().Count() });
});

app.MapControllers();
app.MapHub<ChatHub>("/chat");
app.MapGet("/", () => "StatefulShop: build me to see what breaks with two replicas.");
app.Run();

/// <summary>Entry point marker for integration tests.</summary>
public partial class Program;
