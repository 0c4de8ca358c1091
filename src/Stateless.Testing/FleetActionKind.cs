namespace Stateless.Testing;

/// <summary>What happens to the fleet before a step of a replay.</summary>
public enum FleetActionKind
{
    /// <summary>Kill a replica (it stays dead).</summary>
    Kill,

    /// <summary>Kill a replica and start a cold one in its slot.</summary>
    Restart,

    /// <summary>Start one more replica.</summary>
    Add,
}
