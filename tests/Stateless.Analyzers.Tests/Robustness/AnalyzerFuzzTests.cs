using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Xunit.Abstractions;

namespace Stateless.Analyzers.Tests.Robustness;

/// <summary>
/// Analyzers run on half-typed code in the IDE, where an exception (AD0001) disables them for the user. The
/// command-line compiler skips analyzers when code has errors, so ordinary tests never reach that path. This test
/// breaks every test source and sample systematically (a fixed seed) and fails on any analyzer exception,
/// printing the smallest input that still reproduces it.
/// </summary>
public sealed class AnalyzerFuzzTests
{
    private const int Seed = 20261128;
    private const int MutationsPerSource = 14;
    private const int BatchSize = 24;

    /// <summary>Upper bound for CI; the corpus is ordered, so a run that stops early still covers a fixed prefix.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("STATELESS_FUZZ_SECONDS"), out var seconds) ? seconds : 150);

    private readonly ITestOutputHelper _output;

    public AnalyzerFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void No_analyzer_throws_on_broken_versions_of_every_test_source_and_sample()
    {
        var corpus = FuzzCorpus.Load();
        Assert.True(corpus.Count > 10, $"the fuzz corpus is unexpectedly small ({corpus.Count} seeds)");

        var random = new Random(Seed);
        var variants = corpus
            .SelectMany(seed => SourceMutator.Mutate(seed.Source, random, MutationsPerSource).Select(m => (Seed: seed.Name, m.Kind, m.Source)))
            .ToList();

        var clock = Stopwatch.StartNew();
        var analysed = 0;
        var failures = new List<string>();
        for (var start = 0; start < variants.Count && clock.Elapsed < Budget && failures.Count < 3; start += BatchSize)
        {
            var batch = variants.Skip(start).Take(BatchSize).ToList();
            var options = (start / BatchSize) % 2 == 0 ? FuzzOptionsProvider.Valid : FuzzOptionsProvider.Invalid;
            if (AnalyzerRunner.Exceptions(batch.Select(b => b.Source).ToList(), options).Count > 0)
            {
                // Find each culprit on its own, then shrink it.
                foreach (var variant in batch)
                {
                    var exceptions = AnalyzerRunner.Exceptions(new[] { variant.Source }, options);
                    if (exceptions.Count > 0)
                    {
                        var smallest = Minimize(variant.Source, options);
                        failures.Add($"seed {variant.Seed} ({variant.Kind}):\n{exceptions[0]}\n--- smallest reproducing input ---\n{smallest}\n---");
                    }
                }
            }

            analysed += batch.Count;
        }

        _output.WriteLine($"fuzz: {corpus.Count} seeds, {analysed}/{variants.Count} broken variants analysed in {clock.Elapsed.TotalSeconds:0.0} s, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(analysed >= Math.Min(variants.Count, 500), $"only {analysed} variants analysed within the budget");
    }

    /// <summary>Greedy delta debugging: drop lines, then character chunks, while the exception still reproduces.</summary>
    private static string Minimize(string source, FuzzOptionsProvider options)
    {
        bool Fails(string candidate) => AnalyzerRunner.Exceptions(new[] { candidate }, options).Count > 0;

        var lines = source.Split('\n').ToList();
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var candidate = lines.Where((_, index) => index != i).ToList();
            if (Fails(string.Join('\n', candidate)))
            {
                lines = candidate;
            }
        }

        var text = string.Join('\n', lines);
        for (var chunk = Math.Max(1, text.Length / 4); chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= text.Length;)
            {
                var candidate = text.Remove(start, chunk);
                if (Fails(candidate))
                {
                    text = candidate;
                }
                else
                {
                    start += chunk;
                }
            }
        }

        return text;
    }
}
