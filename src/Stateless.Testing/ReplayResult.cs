namespace Stateless.Testing;

/// <summary>One replay of a scenario under one schedule.</summary>
/// <param name="Schedule">The schedule.</param>
/// <param name="Steps">Each step's outcome.</param>
/// <param name="Trace">Requests and fleet actions in the order they happened.</param>
public sealed record ReplayResult(FleetSchedule Schedule, IReadOnlyList<StepOutcome> Steps, IReadOnlyList<string> Trace);
