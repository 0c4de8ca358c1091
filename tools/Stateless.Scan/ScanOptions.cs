namespace Stateless.Scan;

/// <summary>The command line of the scanner.</summary>
internal sealed class ScanOptions
{
    public const string Usage = """
        usage: scripts/scan <folder> [--only STL1001,STL2001] [--editorconfig <file>] [--skip-tests] [--no-implicit-usings] [--compiler-errors]
                                     [--repeat N] [--sequential] [--analyzers path/to/Stateless.Analyzers.dll] [--analyzer-names A,B]
        """;

    public required string Folder { get; init; }

    public IReadOnlySet<string>? Only { get; init; }

    public string? EditorConfig { get; init; }

    public int Repeat { get; init; } = 1;

    public bool Sequential { get; init; }

    public bool SkipTests { get; init; }

    public bool ImplicitUsings { get; init; } = true;

    public bool CompilerErrors { get; init; }

    public string? AnalyzersPath { get; init; }

    public IReadOnlySet<string>? AnalyzerNames { get; init; }

    /// <summary>The options, or null (with the reason on stderr) when the command line is not usable.</summary>
    public static ScanOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine(Usage);
            return null;
        }

        var folder = Path.GetFullPath(args[0]);
        if (!Directory.Exists(folder))
        {
            Console.Error.WriteLine($"error: {folder} is not a folder");
            return null;
        }

        folder = folder.Length > 1 ? Path.TrimEndingDirectorySeparator(folder) : folder;
        var flags = new[] { "--sequential", "--skip-tests", "--no-implicit-usings", "--compiler-errors" };
        var valued = new[] { "--only", "--editorconfig", "--repeat", "--analyzers", "--analyzer-names" };
        for (var i = 1; i < args.Length; i++)
        {
            if (valued.Contains(args[i]) && i + 1 < args.Length)
            {
                i++;
            }
            else if (!flags.Contains(args[i]))
            {
                Console.Error.WriteLine($"error: unknown or incomplete option {args[i]}");
                Console.Error.WriteLine(Usage);
                return null;
            }
        }

        return new ScanOptions
        {
            Folder = folder,
            Only = List(Value(args, "--only")),
            EditorConfig = Value(args, "--editorconfig"),
            Repeat = int.TryParse(Value(args, "--repeat"), out var repeat) && repeat > 0 ? repeat : 1,
            Sequential = args.Contains("--sequential"),
            SkipTests = args.Contains("--skip-tests"),
            ImplicitUsings = !args.Contains("--no-implicit-usings"),
            CompilerErrors = args.Contains("--compiler-errors"),
            AnalyzersPath = Value(args, "--analyzers"),
            AnalyzerNames = List(Value(args, "--analyzer-names")),
        };
    }

    private static HashSet<string>? List(string? value) =>
        value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
