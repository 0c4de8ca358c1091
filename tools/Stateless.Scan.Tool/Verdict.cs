namespace Stateless.Scan.Tool;

/// <summary>The one-line judgement of a project's readiness to run as several replicas.</summary>
internal static class Verdict
{
    public static string For(ProjectResult project)
    {
        if (!project.Analyzed)
        {
            return "Not assessed: test code (set `stateless_analyze_test_code = true` in its .editorconfig to include it).";
        }

        var state = project.Findings.Count(f => RuleGuidance.For(f.Id) is { Section: ReportSection.ProcessState, BlocksReplicas: true });
        var host = project.Findings.Count(f => RuleGuidance.For(f.Id).Section == ReportSection.HostSettings);
        var tokens = project.Findings.Count(f => RuleGuidance.For(f.Id).Section == ReportSection.Tokens);
        var tokenPart = tokens > 0 ? $"; {Count(tokens, "token finding")} to fix" : string.Empty;
        if (state + host > 0)
        {
            var parts = new List<string>();
            if (state > 0)
            {
                parts.Add($"{Count(state, "piece")} of state in process memory");
            }

            if (host > 0)
            {
                parts.Add($"{Count(host, "host setting")} that pin state to one replica");
            }

            return $"Not ready for N replicas: {string.Join(" and ", parts)}{tokenPart}.";
        }

        if (tokens > 0)
        {
            return $"Ready for N replicas; {Count(tokens, "token finding")} to fix.";
        }

        return project.Findings.Count > 0
            ? $"Ready for N replicas ({Count(project.Findings.Count, "note")})."
            : "Ready for N replicas: no state in process memory, no pinning host setting, no token finding.";
    }

    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
