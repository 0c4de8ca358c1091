using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;

namespace Stateless.Testing;

/// <summary>Starts fleets.</summary>
public static class ReplicaFleet
{
    /// <summary>Starts a fleet of <see cref="ReplicaFleetOptions.Replicas"/> replicas of the app whose assembly contains
    /// <typeparamref name="TEntryPoint"/>.</summary>
    /// <typeparam name="TEntryPoint">A type of the app's assembly, usually its <c>Program</c>.</typeparam>
    /// <param name="configure">Adjusts the options before the first replica starts.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running fleet; dispose it to stop every replica.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TEntryPoint"/> belongs to the project that starts the fleet (it
    /// references Stateless.Testing or a test framework, or is the process's entry assembly) — e.g. <c>Program</c> resolved
    /// to the test or console project's own top-level <c>Program</c>. Thrown at once; pass a type of the app, or the app's
    /// <c>Program</c> through an extern alias.</exception>
    public static Task<ReplicaFleet<TEntryPoint>> StartAsync<TEntryPoint>(
        Action<ReplicaFleetOptions>? configure = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        EntryPointGuard.ThrowIfNotAnApp(typeof(TEntryPoint));
        var options = new ReplicaFleetOptions();
        configure?.Invoke(options);
        return options.Replicas < 1
            ? throw new ArgumentOutOfRangeException(nameof(configure), options.Replicas, "A fleet needs at least one replica.")
            : ReplicaFleet<TEntryPoint>.StartAsync(options, cancellationToken);
    }
}

/// <summary>
/// N in-process replicas of the ASP.NET Core app whose assembly contains <typeparamref name="TEntryPoint"/> (its
/// <c>Program</c>, or any type of it), each with its own host, DI container and statics, all sharing the external state
/// in <see cref="Shared"/>. Replicas are killed, restarted or added between any two requests; a
/// <see cref="FleetClient"/> routes each request to a live one.
/// </summary>
/// <typeparam name="TEntryPoint">A type of the app's assembly; the assembly's entry point is run.</typeparam>
public sealed class ReplicaFleet<TEntryPoint> : IReplicaFleet
    where TEntryPoint : class
{
    private readonly List<Replica> _replicas = [];
    private readonly List<string> _events = [];
    private readonly ReplicaStarter _starter;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private ReplicaFleet(ReplicaFleetOptions options)
    {
        Options = options;
        Shared = new SharedFleetState(options.SharedCacheFactory ?? RedisFactory(options.RedisConnectionString));
        _starter = new ReplicaStarter(typeof(TEntryPoint).Assembly, options, Shared);
    }

    /// <inheritdoc />
    public ReplicaFleetOptions Options { get; }

    /// <inheritdoc />
    public SharedFleetState Shared { get; }

    /// <inheritdoc />
    public IReadOnlyList<Replica> Replicas
    {
        get
        {
            lock (_replicas)
            {
                return _replicas.ToList();
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<Replica> LiveReplicas
    {
        get
        {
            lock (_replicas)
            {
                return _replicas.Where(r => r.IsAlive).ToList();
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToList();
            }
        }
    }

    internal static async Task<ReplicaFleet<TEntryPoint>> StartAsync(
        ReplicaFleetOptions options, CancellationToken cancellationToken)
    {
        var fleet = new ReplicaFleet<TEntryPoint>(options);
        try
        {
            for (var i = 0; i < options.Replicas; i++)
            {
                await fleet.AddReplicaAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return fleet;
    }

    /// <inheritdoc />
    public FleetClient CreateClient(RoutingPolicy routing) => new(this, routing);

    /// <inheritdoc />
    public async Task KillAsync(int index)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var replica = Get(index);
            if (!replica.IsAlive)
            {
                throw new InvalidOperationException($"{replica.DisplayName} is already dead.");
            }

            await replica.StopAsync().ConfigureAwait(false);
            Record($"kill {replica.DisplayName}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task RestartAsync(int index, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var replica = Get(index);
            var before = replica.DisplayName;
            await replica.StopAsync().ConfigureAwait(false);
            await replica.StartAsync(_starter, cancellationToken).ConfigureAwait(false);
            Record($"restart {before} -> cold {replica.DisplayName}");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<Replica> AddReplicaAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var replica = new Replica(_replicas.Count);
            await replica.StartAsync(_starter, cancellationToken).ConfigureAwait(false);
            lock (_replicas)
            {
                _replicas.Add(replica);
            }

            Record($"add {replica.DisplayName}");
            return replica;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var replica in _replicas)
            {
                await replica.StopAsync().ConfigureAwait(false);
            }

            lock (_replicas)
            {
                _replicas.RemoveRange(Options.Replicas, _replicas.Count - Options.Replicas);
            }

            Shared.Reset();
            lock (_events)
            {
                _events.Clear();
            }

            foreach (var replica in _replicas)
            {
                replica.ResetGeneration();
                await replica.StartAsync(_starter, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops every replica.</summary>
    /// <returns>A task that completes when all replicas are stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var replica in _replicas)
            {
                await replica.StopAsync().ConfigureAwait(false);
            }

            Shared.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static Func<IDistributedCache>? RedisFactory(string? connectionString) =>
        connectionString is null
            ? null
            : () => new RedisCache(new RedisCacheOptions
            {
                Configuration = connectionString,
                InstanceName = $"stateless-testing:{Guid.NewGuid():N}:",
            });

    void IReplicaFleet.Record(string fleetEvent) => Record(fleetEvent);

    private void Record(string fleetEvent)
    {
        lock (_events)
        {
            _events.Add(fleetEvent);
        }
    }

    private Replica Get(int index) =>
        index >= 0 && index < _replicas.Count
            ? _replicas[index]
            : throw new ArgumentOutOfRangeException(nameof(index), index,
                string.Create(CultureInfo.InvariantCulture, $"The fleet has replicas 0 to {_replicas.Count - 1}."));
}

/// <summary>A running fleet, independent of the app it runs: what clients, schedules and scenarios work with.</summary>
public interface IReplicaFleet : IAsyncDisposable
{
    /// <summary>The options the fleet was started with.</summary>
    ReplicaFleetOptions Options { get; }

    /// <summary>The external state all replicas share.</summary>
    SharedFleetState Shared { get; }

    /// <summary>Every slot, dead or alive, by index.</summary>
    IReadOnlyList<Replica> Replicas { get; }

    /// <summary>The replicas that receive requests, by index.</summary>
    IReadOnlyList<Replica> LiveReplicas { get; }

    /// <summary>Kill, restart and add events since the fleet started or was last reset, oldest first.</summary>
    IReadOnlyList<string> Events { get; }

    /// <summary>A client whose requests go to the replica <paramref name="routing"/> chooses.</summary>
    /// <param name="routing">The routing policy; policies keep per-client state, give each client its own.</param>
    /// <returns>The client.</returns>
    FleetClient CreateClient(RoutingPolicy routing);

    /// <summary>Stops a replica: it receives no more requests and its statics and memory are gone.</summary>
    /// <param name="index">The replica's index.</param>
    /// <returns>A task that completes when the replica is stopped.</returns>
    Task KillAsync(int index);

    /// <summary>Stops a replica if it runs and starts a cold one in its slot (the next generation).</summary>
    /// <param name="index">The replica's index.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the new instance has started.</returns>
    Task RestartAsync(int index, CancellationToken cancellationToken = default);

    /// <summary>Starts one more replica (scale-out).</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The new replica.</returns>
    Task<Replica> AddReplicaAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops every replica, empties the shared state and starts the initial number of replicas cold, at
    /// generation 1 again; clears <see cref="Events"/>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the fleet is back.</returns>
    Task ResetAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds an event to <see cref="Events"/>.</summary>
    /// <param name="fleetEvent">The event's description.</param>
    internal void Record(string fleetEvent);
}
