namespace Stateless.Testing;

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
