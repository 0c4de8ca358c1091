namespace Stateless.Testing;

/// <summary>A value a step captures from its response.</summary>
/// <param name="Variable">The variable's name.</param>
/// <param name="Description">How the value is found.</param>
/// <param name="Read">Reads it; null when absent.</param>
public sealed record StepCapture(string Variable, string Description, Func<CapturedResponse, string?> Read);
