using System.Globalization;

namespace Stateless.Testing;

/// <summary>
/// How a replay treats the fleet: a routing policy plus kills, restarts and additions between steps. Everything
/// derives from the schedule and its seed, so a failing schedule replays identically.
/// </summary>
public sealed class FleetSchedule
{
    private readonly Func<RoutingPolicy> _routing;
    private readonly List<ScheduledAction> _actions = [];
    private readonly bool _restartServingEachStep;
    private readonly int? _churnSeed;

    private FleetSchedule(string name, Func<RoutingPolicy> routing, bool restartServingEachStep = false, int? churnSeed = null)
    {
        Name = name;
        _routing = routing;
        _restartServingEachStep = restartServingEachStep;
        _churnSeed = churnSeed;
    }

    /// <summary>The schedule's name in reports.</summary>
    public string Name { get; }

    /// <summary>The explicitly scheduled actions.</summary>
    public IReadOnlyList<ScheduledAction> Actions => _actions;

    /// <summary>All requests to replica 0, nothing killed: the baseline every other schedule is compared with.</summary>
    public static FleetSchedule SingleReplica { get; } = new("single replica (baseline)", () => RoutingPolicy.Pinned(0));

    /// <summary>Each client's next request to a different replica.</summary>
    /// <returns>A schedule.</returns>
    public static FleetSchedule AlwaysDifferent() => new("always-different routing", RoutingPolicy.AlwaysDifferent);

    /// <summary>Requests in turn to each live replica.</summary>
    /// <returns>A schedule.</returns>
    public static FleetSchedule RoundRobin() => new("round-robin routing", RoutingPolicy.RoundRobin);

    /// <summary>Session affinity: what a sticky load balancer gives, until a replica dies.</summary>
    /// <returns>A schedule.</returns>
    public static FleetSchedule Sticky() => new("sticky routing", RoutingPolicy.Sticky);

    /// <summary>Sticky routing, and before every step the replica that served the previous one is restarted cold: a
    /// rolling deploy that catches state even behind session affinity.</summary>
    /// <returns>A schedule.</returns>
    public static FleetSchedule RestartServingReplicaEachStep() =>
        new("sticky routing, serving replica restarted before each step", RoutingPolicy.Sticky, restartServingEachStep: true);

    /// <summary>Random routing seeded with <paramref name="seed"/>, with churn drawn from the same seed: before each
    /// step the serving replica may be restarted, a replica added (up to one more than the fleet started with) or,
    /// with three or more alive, one killed.</summary>
    /// <param name="seed">The seed; the same seed gives the same replay.</param>
    /// <returns>A schedule.</returns>
    public static FleetSchedule Random(int seed) =>
        new(string.Create(CultureInfo.InvariantCulture, $"random routing and churn (seed {seed})"),
            () => RoutingPolicy.Random(seed), churnSeed: seed);

    /// <summary>A schedule with any routing policy.</summary>
    /// <param name="name">The name in reports.</param>
    /// <param name="routing">Creates the policy, once per replay.</param>
    /// <returns>A schedule.</returns>
    public static FleetSchedule Routed(string name, Func<RoutingPolicy> routing) => new(name, routing);

    /// <summary>Kills a replica before a step (null: the one that served the previous request).</summary>
    /// <param name="beforeStep">The 1-based step.</param>
    /// <param name="replica">The replica's index, or null.</param>
    /// <returns>This schedule.</returns>
    public FleetSchedule KillBefore(int beforeStep, int? replica = null) => With(new(beforeStep, FleetActionKind.Kill, replica));

    /// <summary>Restarts a replica before a step (null: the one that served the previous request).</summary>
    /// <param name="beforeStep">The 1-based step.</param>
    /// <param name="replica">The replica's index, or null.</param>
    /// <returns>This schedule.</returns>
    public FleetSchedule RestartBefore(int beforeStep, int? replica = null) => With(new(beforeStep, FleetActionKind.Restart, replica));

    /// <summary>Adds a replica before a step.</summary>
    /// <param name="beforeStep">The 1-based step.</param>
    /// <returns>This schedule.</returns>
    public FleetSchedule AddBefore(int beforeStep) => With(new(beforeStep, FleetActionKind.Add, null));

    /// <inheritdoc />
    public override string ToString() =>
        _actions.Count == 0 ? Name : $"{Name}, then {string.Join(", ", _actions.Select(Describe))}";

    internal RoutingPolicy CreateRouting() => _routing();

    internal Func<int, IReplicaFleet, IEnumerable<ScheduledAction>> CreateChurn()
    {
        var random = _churnSeed is { } seed ? new Random(unchecked(seed * 7919 + 17)) : null;
        return (step, fleet) => ActionsBefore(step, fleet, random);
    }

    private IEnumerable<ScheduledAction> ActionsBefore(int step, IReplicaFleet fleet, Random? random)
    {
        foreach (var action in _actions.Where(a => a.BeforeStep == step))
        {
            yield return action;
        }

        if (step == 1)
        {
            yield break;
        }

        if (_restartServingEachStep)
        {
            yield return new ScheduledAction(step, FleetActionKind.Restart, null);
        }

        if (random is not null)
        {
#pragma warning disable CA5394 // Deterministic test churn, not security.
            var roll = random.NextDouble();
            var live = fleet.LiveReplicas;
            if (roll < 0.3)
            {
                yield return new ScheduledAction(step, FleetActionKind.Restart, null);
            }
            else if (roll < 0.4 && fleet.Replicas.Count <= fleet.Options.Replicas)
            {
                yield return new ScheduledAction(step, FleetActionKind.Add, null);
            }
            else if (roll < 0.5 && live.Count >= 3)
            {
                yield return new ScheduledAction(step, FleetActionKind.Kill, live[random.Next(live.Count)].Index);
            }
#pragma warning restore CA5394
        }
    }

    private FleetSchedule With(ScheduledAction action)
    {
        _actions.Add(action);
        return this;
    }

    private static string Describe(ScheduledAction action) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{action.Kind.ToString().ToUpperInvariant()} {(action.Replica is { } r ? $"replica {r}" : action.Kind == FleetActionKind.Add ? "a replica" : "the serving replica")} before step {action.BeforeStep}");
}
