namespace Stateless.Scan.Tool;

/// <summary>What the scan found in one project and how the project was compiled.</summary>
internal sealed class ProjectResult
{
    public required string Name { get; init; }

    /// <summary>The project file relative to the scanned folder, forward slashes.</summary>
    public required string Path { get; init; }

    /// <summary>web, library, console, worker, test or client (tools/Stateless.Scan's classification).</summary>
    public required string Kind { get; init; }

    /// <summary>True when MSBuild loaded the project with its restored references; false for the folder fallback.</summary>
    public required bool LoadedByMSBuild { get; init; }

    /// <summary>False for test code the rules skip (the project does not set stateless_analyze_test_code).</summary>
    public required bool Analyzed { get; init; }

    public required IReadOnlyList<ToolFinding> Findings { get; init; }

    public List<string> Warnings { get; } = new();

    public TimeSpan Elapsed { get; set; }
}
