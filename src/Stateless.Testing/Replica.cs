using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Stateless.Testing;

/// <summary>
/// One slot of a <see cref="ReplicaFleet{TEntryPoint}"/>: an in-process instance of the app with its own host, DI
/// container and (unless <see cref="StaticIsolation.SharedProcess"/>) its own statics. Killing a replica stops its
/// host and unloads its load context; restarting it starts a cold instance in the same slot with the next
/// <see cref="Generation"/>.
/// </summary>
public sealed class Replica
{
    private ReplicaInstance? _instance;

    internal Replica(int index) => Index = index;

    /// <summary>The replica's slot in the fleet, from 0.</summary>
    public int Index { get; }

    /// <summary>How many times this slot has been started: 1 after the first start, 2 after a restart.</summary>
    public int Generation { get; private set; }

    /// <summary>Whether the replica is running and receives requests.</summary>
    public bool IsAlive => _instance is not null;

    /// <summary>The running instance's root service provider.</summary>
    /// <exception cref="InvalidOperationException">The replica is dead.</exception>
    public IServiceProvider Services => Running.Host.Services;

    /// <summary>The load context the running instance's app assembly lives in (the default context when statics are shared).</summary>
    public AssemblyLoadContext LoadContext => Running.LoadContext;

    /// <summary>The app assembly the running instance executes (a per-replica copy unless statics are shared).</summary>
    public Assembly AppAssembly => Running.AppAssembly;

    /// <summary>A short name for reports, e.g. <c>replica 1 (gen 2)</c>.</summary>
    public string DisplayName => $"replica {Index} (gen {Generation})";

    internal ReplicaInstance Running => _instance ?? throw new InvalidOperationException($"Replica {Index} is not running.");

    internal async Task StartAsync(ReplicaStarter starter, CancellationToken cancellationToken)
    {
        if (_instance is not null)
        {
            throw new InvalidOperationException($"Replica {Index} is already running.");
        }

        Generation++;
        _instance = await starter.StartAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After a fleet reset the slot counts from its first start again.</summary>
    internal void ResetGeneration() => Generation = 0;

    internal async Task StopAsync()
    {
        var instance = _instance;
        _instance = null;
        if (instance is not null)
        {
            await instance.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}

/// <summary>A started host of one replica, its server handler and the thread running the app's entry point.</summary>
internal sealed class ReplicaInstance : IAsyncDisposable
{
    private readonly Task _entryPoint;

    public ReplicaInstance(IHost host, AssemblyLoadContext loadContext, Assembly appAssembly, Task entryPoint)
    {
        Host = host;
        LoadContext = loadContext;
        AppAssembly = appAssembly;
        _entryPoint = entryPoint;
        var server = host.Services.GetRequiredService<IServer>() as TestServer
            ?? throw new InvalidOperationException("The replica's IServer is not the TestServer the fleet registered.");
        Handler = new ContextualReflectionHandler(server.CreateHandler(), loadContext);
    }

    public IHost Host { get; }

    public AssemblyLoadContext LoadContext { get; }

    public Assembly AppAssembly { get; }

    public HttpMessageHandler Handler { get; }

    public async ValueTask DisposeAsync()
    {
        Host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        // The entry point returns from app.Run() and disposes its host; wait for it, bounded.
        await Task.WhenAny(_entryPoint, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        if (!_entryPoint.IsCompleted)
        {
            await Host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        Host.Dispose();
        Handler.Dispose();
        if (LoadContext.IsCollectible)
        {
            LoadContext.Unload();
        }
    }

    /// <summary>Runs each request with the replica's load context as the contextual reflection context, so
    /// <c>Assembly.Load</c>/<c>Type.GetType</c> by name inside the framework resolve to this replica's copies.</summary>
    private sealed class ContextualReflectionHandler(HttpMessageHandler inner, AssemblyLoadContext context)
        : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using (context.EnterContextualReflection())
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
