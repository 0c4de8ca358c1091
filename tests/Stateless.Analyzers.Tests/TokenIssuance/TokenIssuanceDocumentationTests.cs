using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.TokenIssuance;

namespace Stateless.Analyzers.Tests.TokenIssuance;

/// <summary>Every STL30xx page points to the runtime's corrected target, and every STL30xx descriptor has its release line.</summary>
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

    /// <summary>The heading, table rows and sections every page has are checked by <see cref="MetaTests"/>; this is what only token issuance pages say.</summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void Page_states_the_family_and_points_to_the_runtime_target(string id)
    {
        var text = File.ReadAllText(RulePages.PathOf(id));

        Assert.Contains("| Category | TokenIssuance |", text, StringComparison.Ordinal);
        Assert.Contains("| Default severity | Warning |", text, StringComparison.Ordinal);
        Assert.True(
            text.Contains("StatelessTokenIssuer", StringComparison.Ordinal) || text.Contains("SigningKeyRing", StringComparison.Ordinal),
            id + " must point to Stateless.Runtime's StatelessTokenIssuer or SigningKeyRing");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Release_line_matches_the_descriptor(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var analyzer = new DiagnosticAnalyzer[] { new TokenIssuanceAnalyzer(), new SigningKeyAnalyzer() }
            .Single(a => a.SupportedDiagnostics.Any(d => d.Id == id)).GetType().Name;
        var lines = File.ReadAllLines(RepositoryPaths.Combine("AnalyzerReleases.Unshipped.md"));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} | {analyzer}, [Documentation](docs/rules/{id}.md)", lines);
    }

    [Fact]
    public void Lifetime_page_carries_the_ttl_table()
    {
        var text = File.ReadAllText(RulePages.PathOf("STL3002"));
        foreach (var row in new[] { "| 24 h |", "~11.6 QPS", "| 1 h |", "~278 QPS", "| 15 min |", "~1,111 QPS", "| 5 min |", "~3,333 QPS", "| 60 s |", "~16,667 QPS", "TTL ≥ N / Q_max", "TTL ≥ 500 s" })
        {
            Assert.Contains(row, text, StringComparison.Ordinal);
        }
    }

    private static DiagnosticDescriptor[] Descriptors() =>
        new TokenIssuanceAnalyzer().SupportedDiagnostics.Concat(new SigningKeyAnalyzer().SupportedDiagnostics).ToArray();
}
