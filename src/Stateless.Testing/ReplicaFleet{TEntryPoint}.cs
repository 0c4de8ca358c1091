using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;

namespace Stateless.Testing;

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
