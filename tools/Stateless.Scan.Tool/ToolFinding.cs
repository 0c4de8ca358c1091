using Microsoft.CodeAnalysis;

namespace Stateless.Scan.Tool;

/// <summary>One finding of one project, with the location relative to the scanned folder and its baseline key.</summary>
internal sealed record ToolFinding(
    DiagnosticDescriptor Rule,
    DiagnosticSeverity Severity,
    string Message,
    string FullPath,
    string Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string Member,
    string Fingerprint)
{
    public string Id => Rule.Id;

    public string Where => $"{Path}:{Line}";
}
