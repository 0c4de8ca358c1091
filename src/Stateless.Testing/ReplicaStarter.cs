using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Stateless.Testing;

/// <summary>
/// Starts one replica: loads the app assembly (into a fresh load context unless statics are shared), runs its entry
/// point on a thread of its own with the fleet's arguments, and lets it build its host, to which the fleet adds its
/// registrations (TestServer instead of Kestrel, no console lifetime, the shared cache and keys). The app's code after
/// <c>Build()</c> (middleware, endpoints) runs as usual and <c>app.Run()</c> starts the host; the replica is up when
/// the host reports <see cref="IHostApplicationLifetime.ApplicationStarted"/>.
/// </summary>
internal sealed class ReplicaStarter(Assembly appAssembly, ReplicaFleetOptions options, SharedFleetState shared)
{
    public async Task<ReplicaInstance> StartAsync(Replica replica, CancellationToken cancellationToken)
    {
        AssemblyLoadContext context;
        Assembly assembly;
        if (options.Isolation == StaticIsolation.PerReplicaLoadContext)
        {
            var replicaContext = new ReplicaLoadContext(
                $"{appAssembly.GetName().Name} replica {replica.Index} gen {replica.Generation}",
                appAssembly.Location,
                options.SharedAssemblies);
            context = replicaContext;
            assembly = replicaContext.AppAssembly;
        }
        else
        {
            context = AssemblyLoadContext.GetLoadContext(appAssembly) ?? AssemblyLoadContext.Default;
            assembly = appAssembly;
        }

        var entryPoint = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no entry point: the fleet runs an app's Program the way `dotnet run` does.");

        var interceptor = new HostInterceptor(builder => builder.ConfigureServices((_, services) => Configure(services, replica)));
        var exited = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var args = BuildArguments(assembly);
        var thread = new Thread(() => RunEntryPoint(entryPoint, args, context, interceptor, exited))
        {
            IsBackground = true,
            Name = $"{assembly.GetName().Name} replica {replica.Index}",
        };
        thread.Start();

        try
        {
            var host = await interceptor.Built.WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                var first = await Task.WhenAny(started.Task, exited.Task)
                    .WaitAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
                if (first != started.Task)
                {
                    var error = await exited.Task.ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"{replica.DisplayName} of {assembly.GetName().Name} exited before it started.", error);
                }
            }

            return new ReplicaInstance(host, context, assembly, exited.Task);
        }
        catch
        {
            if (context.IsCollectible && exited.Task.IsCompleted)
            {
                context.Unload();
            }

            throw;
        }
    }

    private static void RunEntryPoint(
        MethodInfo entryPoint, string[] args, AssemblyLoadContext context, HostInterceptor interceptor,
        TaskCompletionSource<Exception?> exited)
    {
        interceptor.Enter();
        using var reflection = context.EnterContextualReflection();
        try
        {
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [args]);
            if (result is Task task)
            {
                task.GetAwaiter().GetResult();
            }

            interceptor.Fail(new InvalidOperationException("The entry point returned without building a host."));
            exited.TrySetResult(null);
        }
        catch (Exception exception)
        {
            var inner = exception is TargetInvocationException { InnerException: { } cause } ? cause : exception;
            interceptor.Fail(inner);
            exited.TrySetResult(inner);
        }
    }

    private string[] BuildArguments(Assembly assembly)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["environment"] = options.Environment,
            ["contentRoot"] = options.ContentRoot ?? Path.GetDirectoryName(assembly.Location) ?? AppContext.BaseDirectory,
            ["applicationName"] = assembly.GetName().Name,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in options.Configuration)
        {
            settings[key] = value;
        }

        return settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").ToArray();
    }

    private void Configure(IServiceCollection services, Replica replica)
    {
        services.RemoveAll<IServer>();
        services.AddSingleton<IServer, TestServer>();
        services.RemoveAll<IHostLifetime>();
        services.AddSingleton<IHostLifetime, QuietLifetime>();

        var replaceCache = options.DistributedCache switch
        {
            SharedCacheMode.ReplaceAll => true,
            SharedCacheMode.ReplaceExternal => services.LastOrDefault(s => s.ServiceType == typeof(IDistributedCache)) is not
            {
                IsKeyedService: false, ImplementationType: { } type,
            } || type != typeof(MemoryDistributedCache),
            _ => false,
        };
        if (replaceCache)
        {
            services.RemoveAll<IDistributedCache>();
            services.AddSingleton(shared.Cache);
        }

        if (options.ShareDataProtectionKeys)
        {
            services.PostConfigure<KeyManagementOptions>(o => o.XmlRepository = shared.DataProtectionKeys);
        }
        else
        {
            // Without PersistKeysTo*, Data Protection falls back to ~/.aspnet/DataProtection-Keys: in-process replicas
            // would share that directory, where containers each see their own empty one. Give each its own ring.
            var ownKeys = new SharedFleetState.InMemoryXmlRepository();
            services.PostConfigure<KeyManagementOptions>(o =>
            {
                if (o.XmlRepository is null
                    || (o.XmlRepository is FileSystemXmlRepository files
                        && FileSystemXmlRepository.DefaultKeyStorageDirectory is { } fallback
                        && string.Equals(files.Directory.FullName, fallback.FullName, StringComparison.Ordinal)))
                {
                    o.XmlRepository = ownKeys;
                }
            });
        }

        options.ConfigureServices?.Invoke(services, replica);
    }

    /// <summary>No console signal handling and no start-up banner: the fleet stops replicas itself.</summary>
    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
