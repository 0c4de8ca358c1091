using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.Robustness;

/// <summary>
/// The same code gives the same diagnostics on every run, whatever order concurrent callbacks run in. The rules share
/// per-compilation caches (who calls a method, handler kinds, type judgements); an answer that depended on which
/// callback asked first would make a finding come and go between two builds of unchanged code.
/// </summary>
public class DeterminismTests
{
    [Fact]
    public async Task Concurrent_runs_over_the_samples_and_the_test_sources_report_the_same_diagnostics()
    {
        // The samples form one compilation; the test sources of the process-state rules each form another (they reuse names).
        var corpus = FuzzCorpus.Load();
        var groups = new[]
        {
            corpus.Where(c => c.Name.StartsWith("samples", System.StringComparison.Ordinal)).Select(c => c.Source).ToArray(),
            corpus.Where(c => c.Name.StartsWith("STL1003_SingletonKeepsPerClientStateTests", System.StringComparison.Ordinal)).Select(c => c.Source).Take(40).ToArray(),
        };

        foreach (var sources in groups)
        {
            Assert.NotEmpty(sources);
            string? first = null;
            for (var run = 0; run < 4; run++)
            {
                var result = await RunAsync(sources);
                if (first is null)
                {
                    first = result;
                    Assert.Contains("STL10", first, System.StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(first, result);
                }
            }
        }
    }

    private static async Task<string> RunAsync(string[] sources)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest), path: $"/det/File{i}.cs")).ToArray();
        var compilation = CSharpCompilation.Create(
            "Determinism",
            trees,
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var withAnalyzers = compilation.WithAnalyzers(
            AnalyzerCatalog.Analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, FuzzOptionsProvider.Valid),
                onAnalyzerException: null,
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return string.Join(
            "\n",
            diagnostics.Where(d => d.Id.StartsWith("STL", System.StringComparison.Ordinal))
                .Select(d => d.Id + " " + d.Location.GetLineSpan() + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .OrderBy(line => line, System.StringComparer.Ordinal));
    }
}
