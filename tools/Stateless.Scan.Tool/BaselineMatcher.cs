using Stateless.Analyzers.Baseline;

namespace Stateless.Scan.Tool;

/// <summary>
/// The findings an existing <c>stateless.baseline.json</c> lists (same key and count rule as the analyzers'
/// <see cref="BaselineSuppressor"/>): they do not count against <c>--fail-on</c>, so the scan gates CI on new findings
/// exactly as the build does.
/// </summary>
internal static class BaselineMatcher
{
    public static IReadOnlySet<ToolFinding> Baselined(string path, IReadOnlyList<ProjectResult> projects)
    {
        var matched = new HashSet<ToolFinding>(ReferenceEqualityComparer.Instance);
        if (!File.Exists(path))
        {
            return matched;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in BaselineFile.Parse(File.ReadAllText(path)))
        {
            remaining[entry.Key] = remaining.GetValueOrDefault(entry.Key) + entry.Count;
        }

        foreach (var finding in projects.SelectMany(p => p.Findings).OrderBy(f => f.FullPath, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column))
        {
            var key = new BaselineEntry(finding.Id, ProjectGraph.Relative(folder, finding.FullPath), finding.Member, finding.Fingerprint, 1).Key;
            if (remaining.TryGetValue(key, out var left) && left > 0)
            {
                remaining[key] = left - 1;
                matched.Add(finding);
            }
        }

        return matched;
    }
}
