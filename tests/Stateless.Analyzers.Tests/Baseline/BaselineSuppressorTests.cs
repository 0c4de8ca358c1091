using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Stateless.Analyzers.Baseline;
using Stateless.Analyzers.Tests.Verifiers;
using Xunit;

namespace Stateless.Analyzers.Tests.Baseline;

/// <summary>
/// stateless.baseline.json round trip in one compilation: the keys written for today's findings suppress exactly those
/// findings, after lines move and code elsewhere changes; a new finding, an edited flagged line, or one more finding
/// than the count is reported.
/// </summary>
public sealed class BaselineSuppressorTests
{
    private const string ProgramPath = "/repo/src/Program.cs";
    private const string BaselinePath = "/repo/stateless.baseline.json";

    private const string Original = """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;

        var app = WebApplication.CreateBuilder(args).Build();
        var visits = 0;
        app.MapGet("/visit", () =>
        {
            visits++;
            return visits;
        });
        app.Run();

        [ApiController]
        public class CartController : ControllerBase
        {
            private static readonly Dictionary<string, int> Carts = new();

            [HttpPost("{userId}")]
            public int Add(string userId) => Carts[userId] = 1;
        }
        """;

    [Fact]
    public void Without_a_baseline_every_finding_is_reported()
    {
        var reported = Unsuppressed(Run(Original, baseline: null));

        Assert.Equal(new[] { "STL1004", "STL1001" }, reported.Select(d => d.Id));
    }

    [Fact]
    public void Baselined_findings_stay_suppressed_when_lines_move_and_other_code_changes()
    {
        var baseline = BaselineFor(Original);
        var edited = Original
            .Replace("var app =", "// Startup\nvar started = System.DateTime.UtcNow;\n\nvar app =", StringComparison.Ordinal)
            .Replace("    [HttpPost(", "    [HttpGet(\"count\")]\n    public int Count() => 42;\n\n    [HttpPost(", StringComparison.Ordinal);

        var diagnostics = Run(edited, baseline);

        Assert.Empty(Unsuppressed(diagnostics));
        Assert.Equal(2, diagnostics.Count(d => d.IsSuppressed));
    }

    [Fact]
    public void A_new_finding_is_reported_and_the_baselined_ones_are_not()
    {
        var baseline = BaselineFor(Original);
        var withNewState = Original.Replace(
            "    private static readonly Dictionary<string, int> Carts = new();",
            "    private static readonly Dictionary<string, int> Carts = new();\n    private static readonly Dictionary<string, string> Names = new();\n\n    [HttpPut(\"{userId}\")]\n    public string Rename(string userId, string name) => Names[userId] = name;",
            StringComparison.Ordinal);

        var reported = Unsuppressed(Run(withNewState, baseline));

        var finding = Assert.Single(reported);
        Assert.Equal("STL1001", finding.Id);
        Assert.Contains("Names", finding.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_the_flagged_line_makes_the_finding_new()
    {
        var baseline = BaselineFor(Original);
        var edited = Original.Replace("Dictionary<string, int> Carts = new();", "Dictionary<string, int> Carts = new(StringComparer.Ordinal);", StringComparison.Ordinal)
            .Replace("using System.Collections.Generic;", "using System;\nusing System.Collections.Generic;", StringComparison.Ordinal);

        var reported = Unsuppressed(Run(edited, baseline));

        Assert.Equal("STL1001", Assert.Single(reported).Id);
    }

    [Fact]
    public void The_count_limits_how_many_identical_findings_are_suppressed()
    {
        var baseline = BaselineFor(Original);
        // A second handler writing the same captured counter: an identical finding (rule, file, member and message).
        var twice = Original.Replace("app.Run();", "app.MapPost(\"/visit\", () => visits++);\napp.Run();", StringComparison.Ordinal);
        Assert.NotEqual(Original, twice);
        Assert.Contains("\"count\": 1", baseline, StringComparison.Ordinal);

        var reported = Unsuppressed(Run(twice, baseline));

        Assert.Equal("STL1004", Assert.Single(reported).Id);
    }

    [Fact]
    public void A_finding_in_another_file_or_of_another_member_is_not_suppressed()
    {
        var baseline = BaselineFor(Original).Replace("src/Program.cs", "src/Other.cs", StringComparison.Ordinal);

        Assert.Equal(2, Unsuppressed(Run(Original, baseline)).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"findings\": [ {\"rule\": 1} ]}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"findings\": [ {\"rule\": \"STL1001\", \"file\": \"src/Program.cs\", \"fingerprint\": \"\\u00zz\"} ]}")]
    public void A_broken_baseline_suppresses_nothing_and_throws_nothing(string json)
    {
        var diagnostics = Run(Original, json);

        Assert.Equal(2, Unsuppressed(diagnostics).Length);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public void Every_rule_that_is_not_an_error_by_default_can_be_baselined_and_no_error_rule_is_listed()
    {
        var expected = AnalyzerCatalog.SupportedDescriptors.Where(d => d.DefaultSeverity != DiagnosticSeverity.Error).Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal);

        Assert.Equal(expected, BaselineSuppressor.SuppressibleIds.OrderBy(i => i, StringComparer.Ordinal));
    }

    /// <summary>The baseline stateless-scan writes for this source: one entry per key, with its count.</summary>
    private static string BaselineFor(string source)
    {
        var tree = Parse(source);
        var entries = Unsuppressed(Run(source, baseline: null))
            .Select(d =>
            {
                var member = BaselineKey.Member(tree, d.Location.SourceSpan);
                return (d.Id, member, Fingerprint: BaselineKey.Fingerprint(d.Id, member, tree, d.Location.SourceSpan));
            })
            .GroupBy(k => k)
            .Select(g => $"{{\"rule\": \"{g.Key.Id}\", \"file\": \"src/Program.cs\", \"member\": \"{g.Key.member}\", \"fingerprint\": \"{g.Key.Fingerprint}\", \"count\": {g.Count()}}}");
        return "{\n  \"version\": 1,\n  \"findings\": [\n    " + string.Join(",\n    ", entries) + "\n  ]\n}\n";
    }

    private static SyntaxTree Parse(string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: ProgramPath, encoding: Encoding.UTF8);

    private static ImmutableArray<Diagnostic> Run(string source, string? baseline)
    {
        var compilation = CSharpCompilation.Create(
            "App",
            new[] { Parse(source) },
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var additional = baseline is null ? ImmutableArray<AdditionalText>.Empty : ImmutableArray.Create<AdditionalText>(new InMemoryText(BaselinePath, baseline));
        var withAnalyzers = compilation.WithAnalyzers(
            AnalyzerCatalog.Analyzers,
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(additional), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        return withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult()
            .Where(d => d.Id.StartsWith("STL", StringComparison.Ordinal) || d.Id == "AD0001")
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    private static ImmutableArray<Diagnostic> Unsuppressed(ImmutableArray<Diagnostic> diagnostics) => diagnostics.Where(d => !d.IsSuppressed).ToImmutableArray();

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
