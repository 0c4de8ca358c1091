using TinyStatefulApp;

// The smallest stateful app: a static counter, a singleton counter, and identities that tell instances apart.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<InstanceCounter>();
var app = builder.Build();

app.MapGet("/whoami", (InstanceCounter instance) => instance.Id);
app.MapGet("/static-id", () => StaticCounter.Id);
app.MapPost("/static-counter", () => Interlocked.Increment(ref StaticCounter.Value));
app.MapPost("/singleton-counter", (InstanceCounter instance) => instance.Increment());
app.Run();

namespace TinyStatefulApp
{
    /// <summary>A type of this app's assembly for ReplicaFleet's type argument.</summary>
    public sealed class AppMarker;

    /// <summary>Process state in a static field: shared by everything in one load context.</summary>
    public static class StaticCounter
    {
        public static readonly string Id = Guid.NewGuid().ToString("N");
#pragma warning disable CA2211 // The point of this app.
        public static int Value;
#pragma warning restore CA2211
    }

    /// <summary>Process state in a singleton: one per DI container.</summary>
    public sealed class InstanceCounter
    {
        private int _value;

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public int Increment() => Interlocked.Increment(ref _value);
    }
}
