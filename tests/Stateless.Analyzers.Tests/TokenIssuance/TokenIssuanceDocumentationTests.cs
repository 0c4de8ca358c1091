using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.TokenIssuance;

namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>Every STL30xx descriptor has its page, its release line and a pointer to the runtime's corrected target.</summary>
public class TokenIssuanceDocumentationTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors().Select(d => d.Id).Distinct())
        {
            data.Add(descriptor);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_heading_table_and_sections_match_the_descriptor(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var page = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "rules", id + ".md"));
        var text = string.Join("\n", page);

        Assert.Equal($"# {id}: {descriptor.Title}", page[0]);
        Assert.Contains("| Category | TokenIssuance |", text, StringComparison.Ordinal);
        Assert.Contains("| Default severity | Warning |", text, StringComparison.Ordinal);
        Assert.Contains("| Code fix |", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Why", "## Non-compliant code", "## Compliant code", "## Options", "## How to suppress" })
        {
            Assert.Contains(section, page);
        }

        Assert.True(
            text.Contains("StatelessTokenIssuer", StringComparison.Ordinal) || text.Contains("SigningKeyRing", StringComparison.Ordinal),
            id + " must point to Stateless.Runtime's StatelessTokenIssuer or SigningKeyRing");
        Assert.Equal(Stateless.Analyzers.Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Release_line_matches_the_descriptor(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var analyzer = new DiagnosticAnalyzer[] { new TokenIssuanceAnalyzer(), new SigningKeyAnalyzer() }
            .Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType().Name;
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {analyzer}, [Documentation](docs/rules/{id}.md)", lines);
    }

    [Fact]
    public void Lifetime_page_carries_the_ttl_table()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "rules", "STL3002.md"));
        foreach (var row in new[] { "| 24 h |", "~11.6 QPS", "| 1 h |", "~278 QPS", "| 15 min |", "~1,111 QPS", "| 5 min |", "~3,333 QPS", "| 60 s |", "~16,667 QPS", "TTL ≥ N / Q_max", "TTL ≥ 500 s" })
        {
            Assert.Contains(row, text, StringComparison.Ordinal);
        }
    }

    private static DiagnosticDescriptor[] Descriptors() =>
        new TokenIssuanceAnalyzer().SupportedDiagnostics.Concat(new SigningKeyAnalyzer().SupportedDiagnostics).ToArray();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AnalyzerReleases.Unshipped.md")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
    }
}
