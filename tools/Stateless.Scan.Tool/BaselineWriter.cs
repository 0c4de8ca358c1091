using System.Text.Json;
using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Baseline;

namespace Stateless.Scan.Tool;

/// <summary>
/// Writes <c>stateless.baseline.json</c>: every finding grouped by rule, file (relative to the baseline's folder),
/// enclosing member and fingerprint, with its count, sorted so the file diffs well. Rewriting it drops what was fixed.
/// Rules that are errors by default cannot be suppressed (DiagnosticSuppressor) and are left out; their count is returned.
/// </summary>
internal static class BaselineWriter
{
    public static (int Written, int Skipped) Write(string path, IReadOnlyList<ProjectResult> projects)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var findings = projects.SelectMany(p => p.Findings).DistinctBy(f => (f.FullPath, f.Line, f.Column, f.Id)).ToList();
        var skipped = findings.Count(f => f.Rule.DefaultSeverity == DiagnosticSeverity.Error);
        var entries = findings
            .Where(f => f.Rule.DefaultSeverity != DiagnosticSeverity.Error)
            .GroupBy(f => (f.Id, File: ProjectGraph.Relative(folder, f.FullPath), f.Member, f.Fingerprint))
            .OrderBy(g => g.Key.File, StringComparer.Ordinal).ThenBy(g => g.Key.Id, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Member, StringComparer.Ordinal).ThenBy(g => g.Key.Fingerprint, StringComparer.Ordinal)
            .ToList();

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("version", 1);
        json.WriteString("comment", "Findings that existed when this file was written; Stateless.Analyzers suppresses exactly these. Regenerate with: stateless-scan --write-baseline");
        json.WriteStartArray("findings");
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            json.WriteString("rule", entry.Key.Id);
            json.WriteString("file", entry.Key.File);
            json.WriteString("member", entry.Key.Member);
            json.WriteString("fingerprint", entry.Key.Fingerprint);
            json.WriteNumber("count", entry.Count());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return (entries.Sum(e => e.Count()), skipped);
    }

    public static string DefaultPath(ScanTarget target) => Path.Combine(target.Folder, BaselineFile.FileName);
}
