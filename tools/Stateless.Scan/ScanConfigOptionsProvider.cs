using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Stateless.Scan;

/// <summary>
/// The analyzer options of one compilation: the key/value pairs of one .editorconfig file (if given; every section
/// applies to every file) plus the project's <c>build_property.*</c> keys. As in a build, where those keys come from a
/// global analyzer config, they are visible both in <see cref="GlobalOptions"/> and in every tree's options.
/// </summary>
internal sealed class ScanConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly DictionaryOptions _options;

    public ScanConfigOptionsProvider(IReadOnlyDictionary<string, string> editorConfig, IReadOnlyDictionary<string, string> buildProperties)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in editorConfig.Concat(buildProperties))
        {
            values[key] = value;
        }

        _options = new DictionaryOptions(values);
    }

    public override AnalyzerConfigOptions GlobalOptions => _options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

    /// <summary>The key/value lines of an .editorconfig file (sections and comments skipped); empty when no file is given.</summary>
    public static Dictionary<string, string> ReadEditorConfig(string? path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (path is not null && File.Exists(path))
        {
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (line.Length == 0 || line[0] is '#' or ';' or '[' || equals <= 0)
                {
                    continue;
                }

                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }

        return values;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
