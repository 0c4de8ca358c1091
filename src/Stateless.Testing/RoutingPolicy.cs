namespace Stateless.Testing;

/// <summary>
/// Chooses the replica for each request, as a load balancer does. Policies keep state (the round-robin position, the
/// random generator, sticky bindings): one instance per client, and a new instance per replay.
/// </summary>
public abstract class RoutingPolicy
{
    /// <summary>The policy's name in reports, e.g. <c>random(seed 7)</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Chooses one of <see cref="RoutingRequest.Live"/>.</summary>
    /// <param name="request">The request to route.</param>
    /// <returns>A live replica.</returns>
    public abstract Replica Choose(RoutingRequest request);

    /// <summary>Each request to the next live replica in index order, across all clients.</summary>
    /// <returns>A new policy.</returns>
    public static RoutingPolicy RoundRobin() => new RoundRobinPolicy();

    /// <summary>Each request to a live replica drawn from a generator seeded with <paramref name="seed"/>: the same seed
    /// routes the same requests the same way.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A new policy.</returns>
    public static RoutingPolicy Random(int seed) => new RandomPolicy(seed);

    /// <summary>Each request of a client to a different replica than the client's previous request (the next live
    /// index after it), whenever more than one replica is alive: the worst case for per-replica state.</summary>
    /// <returns>A new policy.</returns>
    public static RoutingPolicy AlwaysDifferent() => new AlwaysDifferentPolicy();

    /// <summary>Session affinity: each client is bound to one replica (clients spread by order of first request) until
    /// that replica dies; then it fails over to the next live one and stays there.</summary>
    /// <returns>A new policy.</returns>
    public static RoutingPolicy Sticky() => new StickyPolicy();

    /// <summary>Every request to the replica at <paramref name="index"/> (the single-replica baseline).</summary>
    /// <param name="index">The replica's index.</param>
    /// <returns>A new policy.</returns>
    public static RoutingPolicy Pinned(int index) => new PinnedPolicy(index);

    /// <summary>The first live replica whose index follows <paramref name="index"/> cyclically (or equals it, last).</summary>
    /// <param name="live">The live replicas, by index.</param>
    /// <param name="index">The index to start after.</param>
    /// <returns>A live replica.</returns>
    protected static Replica NextAfter(IReadOnlyList<Replica> live, int index)
    {
        ArgumentNullException.ThrowIfNull(live);
        foreach (var replica in live)
        {
            if (replica.Index > index)
            {
                return replica;
            }
        }

        return live[0];
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class RoundRobinPolicy : RoutingPolicy
    {
        private int _last = -1;

        public override string Name => "round-robin";

        public override Replica Choose(RoutingRequest request)
        {
            var next = NextAfter(request.Live, _last);
            _last = next.Index;
            return next;
        }
    }

    private sealed class RandomPolicy(int seed) : RoutingPolicy
    {
        private readonly Random _random = new(seed);

        public override string Name => $"random(seed {seed})";

#pragma warning disable CA5394 // Deterministic test routing, not security.
        public override Replica Choose(RoutingRequest request) => request.Live[_random.Next(request.Live.Count)];
#pragma warning restore CA5394
    }

    private sealed class AlwaysDifferentPolicy : RoutingPolicy
    {
        public override string Name => "always-different";

        public override Replica Choose(RoutingRequest request) =>
            request.Previous is null ? request.Live[0] : NextAfter(request.Live, request.Previous.Index);
    }

    private sealed class StickyPolicy : RoutingPolicy
    {
        private readonly Dictionary<string, int> _bindings = new(StringComparer.Ordinal);

        public override string Name => "sticky";

        public override Replica Choose(RoutingRequest request)
        {
            if (!_bindings.TryGetValue(request.Client, out var index))
            {
                var chosen = request.Live[_bindings.Count % request.Live.Count];
                _bindings[request.Client] = chosen.Index;
                return chosen;
            }

            foreach (var replica in request.Live)
            {
                if (replica.Index == index)
                {
                    return replica;
                }
            }

            var failover = NextAfter(request.Live, index);
            _bindings[request.Client] = failover.Index;
            return failover;
        }
    }

    private sealed class PinnedPolicy(int index) : RoutingPolicy
    {
        public override string Name => $"pinned to replica {index}";

        public override Replica Choose(RoutingRequest request) =>
            request.Live.FirstOrDefault(r => r.Index == index)
            ?? throw new InvalidOperationException($"Replica {index} is dead; a pinned client cannot be routed.");
    }
}
