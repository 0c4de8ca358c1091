using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.Bench.Keystroke;

/// <summary>The compilation and the analyzer sets of one project, as the build would create them.</summary>
internal sealed class BenchCompilation
{
    private BenchCompilation(CSharpCompilation compilation, AnalyzerOptions options)
    {
        Compilation = compilation;
        Options = options;
    }

    public CSharpCompilation Compilation { get; }

    public AnalyzerOptions Options { get; }

    public static BenchCompilation Create(ProjectInputs inputs)
    {
        var parseOptions = new CSharpParseOptions(
            LanguageVersionFacts.TryParse(inputs.LangVersion, out var version) ? version : LanguageVersion.Latest,
            preprocessorSymbols: inputs.Defines);
        var trees = inputs.Sources.Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path)), parseOptions, path)).ToList();
        var kind = inputs.OutputType.Equals("Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(inputs.ProjectFile),
            trees,
            inputs.References.Select(path => MetadataReference.CreateFromFile(path)),
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable));

        var globals = ImmutableDictionary<string, string>.Empty;
        if (inputs.GlobalConfigFile is { } file)
        {
            var set = AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(File.ReadAllText(file), file) });
            globals = set.GlobalConfigOptions.AnalyzerOptions;
        }

        return new BenchCompilation(compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new GlobalOptionsProvider(globals)));
    }

    /// <summary>Every <see cref="DiagnosticAnalyzer"/> in the given assemblies (source generators are not analyzers).</summary>
    [SuppressMessage("Reliability", "CA2000", Justification = "bench process")]
    public static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(IEnumerable<string> assemblies)
    {
        var loader = new Loader();
        var result = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in assemblies)
        {
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => Console.Error.WriteLine($"warning: {Path.GetFileName(path)}: {e.Message}");
            result.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        return result.ToImmutable();
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }

    private sealed class GlobalOptionsProvider(ImmutableDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options = new(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
