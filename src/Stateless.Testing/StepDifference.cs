namespace Stateless.Testing;

/// <summary>The first step whose fleet response differs from the baseline's.</summary>
/// <param name="Step">The step.</param>
/// <param name="Expected">The baseline's response.</param>
/// <param name="Actual">The fleet's response.</param>
/// <param name="Differences">What differs: <c>status</c>, header names, <c>body</c>.</param>
public sealed record StepDifference(ScenarioStep Step, StepOutcome Expected, StepOutcome Actual, IReadOnlyList<string> Differences);
