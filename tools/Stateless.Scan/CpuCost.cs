using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// <c>--cpu-cost N</c>: the processor time the rules add to an analysis, measured so that other load on the machine
/// does not count. Each round analyses a fresh copy of the compilation twice: once with only
/// <see cref="DriverBaseline"/> (which makes the driver bind every method and build every operation tree, as any
/// real analyzer set does) and once with the baseline plus the rules. The process's processor time is read around
/// each analysis (waiting for a core costs nothing); the rules' cost is the difference of the medians. The first
/// round warms up the JIT and is not counted.
/// </summary>
internal static class CpuCost
{
    public static async Task<int> MeasureAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> rules, AnalyzerOptions options, int rounds)
    {
        var baseline = new DriverBaseline();
        var alone = new List<double>();
        var withRules = new List<double>();
        for (var round = 0; round <= rounds; round++)
        {
            var baselineTime = await AnalyzeAsync(compilation.Clone(), ImmutableArray.Create<DiagnosticAnalyzer>(baseline), options);
            var rulesTime = await AnalyzeAsync(compilation.Clone(), rules.Add(baseline), options);
            Console.Error.WriteLine(round == 0
                ? $"cpu-cost: warm-up round: baseline {baselineTime:0} ms, with rules {rulesTime:0} ms (not counted)"
                : $"cpu-cost: round {round}/{rounds}: baseline {baselineTime:0} ms, with rules {rulesTime:0} ms, rules {rulesTime - baselineTime:0} ms");
            if (round > 0)
            {
                alone.Add(baselineTime);
                withRules.Add(rulesTime);
            }
        }

        var medianBaseline = Median(alone);
        var medianRules = Median(withRules);
        Console.WriteLine();
        Console.WriteLine($"Processor time per analysis (medians of {rounds} rounds)");
        Console.WriteLine($"  driver baseline (bind, operation trees)   {medianBaseline,10:0} ms");
        Console.WriteLine($"  baseline + {rules.Length} rule analyzers           {medianRules,10:0} ms");
        Console.WriteLine($"  added by the rules                        {medianRules - medianBaseline,10:0} ms");
        return 0;
    }

    private static async Task<double> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Asks the driver for what every analyzer set needs (operation trees, symbols) and does nothing with it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class DriverBaseline : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Unused = new("BASE0001", "unused", "unused", "unused", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Unused);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.FieldReference, OperationKind.PropertyReference, OperationKind.ObjectCreation);
            context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType, SymbolKind.Method, SymbolKind.Field, SymbolKind.Property);
        }
    }
}
