using StatefulShop.Hubs;
using StatefulShop.Middleware;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddSignalR();

var app = builder.Build();
app.UseMiddleware<RequestCounterMiddleware>();
app.MapControllers();
app.MapHub<ChatHub>("/chat");
app.MapGet("/", () => "StatefulShop: build me to see what breaks with two replicas.");
app.Run();
