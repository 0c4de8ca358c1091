namespace Stateless.Testing;

/// <summary>A fleet action scheduled before a step.</summary>
/// <param name="BeforeStep">The 1-based step the action precedes.</param>
/// <param name="Kind">What to do.</param>
/// <param name="Replica">The replica's index, or null for the replica that served the previous request.</param>
public sealed record ScheduledAction(int BeforeStep, FleetActionKind Kind, int? Replica);
