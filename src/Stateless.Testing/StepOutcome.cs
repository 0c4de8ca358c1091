namespace Stateless.Testing;

/// <summary>One step as a replay ran it.</summary>
/// <param name="Step">The step.</param>
/// <param name="Response">What came back.</param>
/// <param name="ServedBy">Which replica served it.</param>
public sealed record StepOutcome(ScenarioStep Step, ResponseSnapshot Response, RoutedRequest ServedBy);
