var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddDistributedMemoryCache();

var app = builder.Build();
app.MapControllers();
app.Run();
