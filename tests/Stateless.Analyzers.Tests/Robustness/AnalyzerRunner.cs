using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.Tests.Verifiers;

namespace Stateless.Analyzers.Tests.Robustness;

/// <summary>Runs every analyzer over sources the way the IDE does (CompilationWithAnalyzers), collecting exceptions.</summary>
internal static class AnalyzerRunner
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>Analyzer exceptions (type, message, first frames) raised on these sources, empty when none.</summary>
    public static IReadOnlyList<string> Exceptions(IReadOnlyList<string> sources, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken = default)
    {
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"/fuzz/File{i}.cs", cancellationToken: cancellationToken)).ToArray();
        var compilation = CSharpCompilation.Create(
            "Fuzz",
            trees,
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var exceptions = new List<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            AnalyzerCatalog.Analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options),
                (exception, analyzer, _) =>
                {
                    lock (exceptions)
                    {
                        exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}\n{string.Join('\n', (exception.StackTrace ?? string.Empty).Split('\n').Take(6))}");
                    }
                },
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false));

        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            lock (exceptions)
            {
                exceptions.Add(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return exceptions;
    }
}

/// <summary>Fixed .editorconfig values for the fuzz runs, valid or deliberately invalid.</summary>
internal sealed class FuzzOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Options _options;

    public FuzzOptionsProvider(IReadOnlyDictionary<string, string> values) => _options = new Options(values);

    public static FuzzOptionsProvider Valid { get; } = new(new Dictionary<string, string>
    {
        ["stateless_handler_types"] = "Company.IHandler, Company.EndpointBase",
        ["stateless_max_access_token_lifetime"] = "15m",
        ["stateless_max_clock_skew"] = "00:01:00",
        ["stateless_signalr_backplanes"] = "Company.SignalR.BackplaneExtensions.AddCompanyBackplane",
    });

    public static FuzzOptionsProvider Invalid { get; } = new(new Dictionary<string, string>
    {
        ["stateless_handler_types"] = ",,, ;;",
        ["stateless_max_access_token_lifetime"] = "-5x",
        ["stateless_max_clock_skew"] = "99999999999999999999h",
        ["stateless_signalr_backplanes"] = "",
    });

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value!);
    }
}
