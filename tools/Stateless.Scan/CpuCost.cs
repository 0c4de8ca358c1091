using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// <c>--cpu-cost N</c>: the processor time the rules add to an analysis, measured so that other load on the machine
/// does not count. Each round analyses a fresh copy of the compilation twice: once with only
/// <see cref="DriverBaseline"/> (which makes the driver bind every method and build every operation tree, as any
/// real analyzer set does) and once with the baseline plus the rules. The process's processor time is read around
/// each analysis (waiting for a core costs nothing); the rules' cost is the difference of the medians. When the SDK's
/// ASP.NET Core analyzers are installed, a third analysis per round runs them instead of the rules, for the same ratio
/// the build benchmark reports, in processor time. The first round warms up the JIT and is not counted; run with
/// DOTNET_TieredCompilation=0 for steadier rounds.
/// </summary>
internal static class CpuCost
{
    public static async Task<int> MeasureAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> rules, AnalyzerOptions options, int rounds)
    {
        var baseline = new DriverBaseline();
        var aspNetCore = SdkAnalyzers.AspNetCore();
        if (aspNetCore.IsEmpty)
        {
            Console.Error.WriteLine("cpu-cost: the ASP.NET Core analyzers were not found in the SDK's packs; measuring the rules alone");
        }

        var configurations = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
        {
            ("driver baseline (bind, operation trees)", ImmutableArray.Create<DiagnosticAnalyzer>(baseline)),
            ($"baseline + {rules.Length} Stateless analyzers", rules.Add(baseline)),
        };
        if (!aspNetCore.IsEmpty)
        {
            configurations.Add(($"baseline + {aspNetCore.Length} ASP.NET Core analyzers", aspNetCore.Add(baseline)));
        }

        var times = configurations.Select(_ => new List<double>()).ToList();
        for (var round = 0; round <= rounds; round++)
        {
            var line = new List<string>();
            for (var i = 0; i < configurations.Count; i++)
            {
                var time = await AnalyzeAsync(compilation.Clone(), configurations[i].Analyzers, options);
                line.Add($"{time:0} ms");
                if (round > 0)
                {
                    times[i].Add(time);
                }
            }

            Console.Error.WriteLine(round == 0
                ? $"cpu-cost: warm-up round: {string.Join(", ", line)} (not counted)"
                : $"cpu-cost: round {round}/{rounds}: {string.Join(", ", line)}");
        }

        var medians = times.Select(Median).ToList();
        Console.WriteLine();
        Console.WriteLine($"Processor time per analysis of {compilation.SyntaxTrees.Count()} files (medians of {rounds} rounds)");
        for (var i = 0; i < configurations.Count; i++)
        {
            var added = i == 0 ? string.Empty : $"   adds {medians[i] - medians[0],7:0} ms";
            Console.WriteLine($"  {configurations[i].Name,-48} {medians[i],8:0} ms{added}");
        }

        if (configurations.Count == 3 && medians[2] > medians[0])
        {
            Console.WriteLine($"  Stateless / ASP.NET Core (processor time added)  {(medians[1] - medians[0]) / (medians[2] - medians[0]),8:0.00}x");
        }

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

    /// <summary>The SDK's own analyzers, loaded from the installed ASP.NET Core targeting pack.</summary>
    private static class SdkAnalyzers
    {
        public static ImmutableArray<DiagnosticAnalyzer> AspNetCore()
        {
            var packs = Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", "..", "packs", "Microsoft.AspNetCore.App.Ref");
            if (!Directory.Exists(packs))
            {
                return ImmutableArray<DiagnosticAnalyzer>.Empty;
            }

            var folder = Directory.GetDirectories(packs)
                .Select(d => Path.Combine(d, "analyzers", "dotnet", "cs"))
                .Where(Directory.Exists)
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault();
            if (folder is null)
            {
                return ImmutableArray<DiagnosticAnalyzer>.Empty;
            }

            var loader = new Loader();
            var builder = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var file in Directory.GetFiles(folder, "Microsoft.AspNetCore.*Analyzers.dll"))
            {
                builder.AddRange(new AnalyzerFileReference(Path.GetFullPath(file), loader).GetAnalyzers(LanguageNames.CSharp));
            }

            return builder.ToImmutable();
        }

        private sealed class Loader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public System.Reflection.Assembly LoadFromPath(string fullPath) =>
                System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
        }
    }
}
