namespace Stateless.Testing;

/// <summary>What <see cref="StatelessAssertions.CheckStatelessAsync"/> replays and compares.</summary>
public sealed class StatelessCheckOptions
{
    /// <summary>The schedules replayed against the fleet, in order, until one exposes a difference. Default: always
    /// different routing; sticky routing with the serving replica restarted before each step; random routing and
    /// churn with seeds 1 and 2.</summary>
    public IList<FleetSchedule> Schedules { get; } = new List<FleetSchedule>
    {
        FleetSchedule.AlwaysDifferent(),
        FleetSchedule.RestartServingReplicaEachStep(),
        FleetSchedule.Random(1),
        FleetSchedule.Random(2),
    };

    /// <summary>Response headers compared besides status and body. Default <c>Content-Type</c>.</summary>
    public IList<string> CompareHeaders { get; } = new List<string> { "Content-Type" };

    /// <summary>Applied to bodies and compared header values before comparison. Default <see cref="ResponseNormalizer.Default"/>.</summary>
    public ResponseNormalizer Normalizer { get; set; } = ResponseNormalizer.Default;
}
