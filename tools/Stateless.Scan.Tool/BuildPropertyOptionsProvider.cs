using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Scan.Tool;

/// <summary>
/// A project's own analyzer options (its .editorconfig files, as MSBuild loaded them) plus the
/// <c>build_property.*</c> keys the Stateless.Analyzers package declares compiler-visible (IsTestProject, UseWPF, ...),
/// which a project that does not reference the package does not pass to the compiler. The project's own values win.
/// </summary>
internal sealed class BuildPropertyOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly AnalyzerConfigOptionsProvider _inner;
    private readonly IReadOnlyDictionary<string, string> _properties;

    public BuildPropertyOptionsProvider(AnalyzerConfigOptionsProvider inner, IReadOnlyDictionary<string, string> properties)
    {
        _inner = inner;
        _properties = properties;
    }

    public override AnalyzerConfigOptions GlobalOptions => new Layered(_inner.GlobalOptions, _properties);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Layered(_inner.GetOptions(tree), _properties);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Layered(_inner.GetOptions(textFile), _properties);

    private sealed class Layered(AnalyzerConfigOptions inner, IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptions
    {
        public override IEnumerable<string> Keys => inner.Keys.Union(properties.Keys, StringComparer.OrdinalIgnoreCase);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) =>
            inner.TryGetValue(key, out value) || properties.TryGetValue(key, out value);
    }
}
