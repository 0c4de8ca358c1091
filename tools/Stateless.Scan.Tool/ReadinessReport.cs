using System.Text;

namespace Stateless.Scan.Tool;

/// <summary>
/// The Markdown replica-readiness report (fit for a CI job summary): an overview table with one verdict per
/// project, then per project the state that lives in process memory and what loses it, the host settings that pin
/// state, and the token findings, each with file:line, the rule and where that state belongs instead.
/// </summary>
internal static class ReadinessReport
{
    public static string Render(ScanTarget target, IReadOnlyList<ProjectResult> projects, TimeSpan elapsed, string toolVersion)
    {
        var text = new StringBuilder();
        var name = Path.GetFileName(target.Solution ?? (target.Projects.Count == 1 ? target.Projects[0] : target.Folder));
        text.AppendLine($"# Replica readiness: {name}");
        text.AppendLine();
        var total = projects.Sum(p => p.Findings.Count);
        text.AppendLine($"{Verdict.Count(projects.Count, "project")} scanned by stateless-scan {toolVersion} in {elapsed.TotalSeconds:0.0} s; {Verdict.Count(total, "finding")}.");
        text.AppendLine();
        text.AppendLine("| Project | Kind | State in memory | Host settings | Token findings | Verdict |");
        text.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var project in projects)
        {
            text.AppendLine($"| {Cell(project.Name)} | {project.Kind} | {Count(project, ReportSection.ProcessState)} | {Count(project, ReportSection.HostSettings)} | {Count(project, ReportSection.Tokens)} | {Cell(Verdict.For(project))} |");
        }

        foreach (var project in projects)
        {
            text.AppendLine();
            text.AppendLine($"## {project.Name}");
            text.AppendLine();
            text.AppendLine($"`{project.Path}` · {project.Kind} · {(project.LoadedByMSBuild ? "loaded by MSBuild" : "compiled from its folder (MSBuild could not load it)")}");
            text.AppendLine();
            text.AppendLine($"**Verdict:** {Verdict.For(project)}");
            foreach (var warning in project.Warnings)
            {
                text.AppendLine();
                text.AppendLine($"> Warning: {warning}");
            }

            Section(text, project, ReportSection.ProcessState, "State in process memory", "| Where | Rule | State | Lost on | Belongs in |", f =>
                $"| `{f.Where}` | {RuleLink(f)} | {Cell(f.Message)} | {Cell(RuleGuidance.For(f.Id).LostOn)} | {Cell(RuleGuidance.For(f.Id).BelongsIn)} |");
            Section(text, project, ReportSection.HostSettings, "Host settings that pin state", "| Where | Rule | Setting | Lost on | Belongs in |", f =>
                $"| `{f.Where}` | {RuleLink(f)} | {Cell(f.Message)} | {Cell(RuleGuidance.For(f.Id).LostOn)} | {Cell(RuleGuidance.For(f.Id).BelongsIn)} |");
            Section(text, project, ReportSection.Tokens, "Token findings", "| Where | Rule | Finding | Fix |", f =>
                $"| `{f.Where}` | {RuleLink(f)} | {Cell(f.Message)} | {Cell(RuleGuidance.For(f.Id).BelongsIn)} |");
        }

        return text.ToString();
    }

    private static void Section(StringBuilder text, ProjectResult project, ReportSection section, string title, string header, Func<ToolFinding, string> row)
    {
        var findings = project.Findings.Where(f => RuleGuidance.For(f.Id).Section == section).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine($"### {title}");
        text.AppendLine();
        text.AppendLine(header);
        text.AppendLine(string.Concat(header.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(_ => "|---")) + "|");
        foreach (var finding in findings)
        {
            text.AppendLine(row(finding));
        }
    }

    private static int Count(ProjectResult project, ReportSection section) => project.Findings.Count(f => RuleGuidance.For(f.Id).Section == section);

    private static string RuleLink(ToolFinding finding) =>
        string.IsNullOrEmpty(finding.Rule.HelpLinkUri) ? finding.Id : $"[{finding.Id}]({finding.Rule.HelpLinkUri})";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
