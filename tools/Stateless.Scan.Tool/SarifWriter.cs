using System.Globalization;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Stateless.Scan.Tool;

/// <summary>
/// SARIF 2.1.0 for code-scanning services (GitHub's upload-sarif among them): one run, the rules that reported with
/// their metadata, one result per finding with its file (relative to the scanned folder, <c>%SRCROOT%</c>), region,
/// enclosing member and the baseline fingerprint, and the project in the result's properties.
/// </summary>
internal static class SarifWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public static void Write(string path, ScanTarget target, IReadOnlyList<ProjectResult> projects, string toolVersion)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var findings = projects.SelectMany(p => p.Findings.Select(f => (Project: p, Finding: f))).ToList();
        var rules = findings.Select(f => f.Finding.Rule).DistinctBy(r => r.Id).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "stateless-scan");
        json.WriteString("semanticVersion", toolVersion);
        json.WriteString("informationUri", "https://github.com/stateless-analyzers/stateless-analyzers");
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteStartObject("shortDescription");
            json.WriteString("text", rule.Title.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            if (rule.Description.ToString(CultureInfo.InvariantCulture) is { Length: > 0 } description)
            {
                json.WriteStartObject("fullDescription");
                json.WriteString("text", description);
                json.WriteEndObject();
            }

            if (!string.IsNullOrEmpty(rule.HelpLinkUri))
            {
                json.WriteString("helpUri", rule.HelpLinkUri);
            }

            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", rule.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject("SRCROOT");
        json.WriteString("uri", new Uri(target.Folder.TrimEnd('/', '\\') + "/").AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var (project, finding) in findings)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Id);
            json.WriteNumber("ruleIndex", ruleIndex[finding.Id]);
            json.WriteString("level", Level(finding.Severity));
            json.WriteStartObject("message");
            json.WriteString("text", finding.Message);
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", Uri.EscapeDataString(finding.Path).Replace("%2F", "/", StringComparison.Ordinal));
            json.WriteString("uriBaseId", "SRCROOT");
            json.WriteEndObject();
            json.WriteStartObject("region");
            json.WriteNumber("startLine", finding.Line);
            json.WriteNumber("startColumn", finding.Column);
            json.WriteNumber("endLine", finding.EndLine);
            json.WriteNumber("endColumn", finding.EndColumn);
            json.WriteEndObject();
            json.WriteEndObject();
            if (finding.Member.Length > 0)
            {
                json.WriteStartArray("logicalLocations");
                json.WriteStartObject();
                json.WriteString("fullyQualifiedName", finding.Member);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("partialFingerprints");
            json.WriteString("statelessBaseline/v1", finding.Fingerprint);
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("project", project.Path);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "note",
        _ => "none",
    };
}
