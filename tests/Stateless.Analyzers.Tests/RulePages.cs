using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Stateless.Analyzers.Tests;

/// <summary>
/// What every rule page <c>docs/rules/STLxxxx.md</c> holds, and where each rule's analyzer, fix and tests live: the
/// skeleton and the naming <see cref="MetaTests"/> check.
/// </summary>
internal static class RulePages
{
    /// <summary>The table rows under the heading, in this order.</summary>
    public static readonly IReadOnlyList<string> TableRows = new[] { "Category", "Default severity", "Code fix" };

    /// <summary>The sections every page has, in this order (a page may add others, such as <c>## Code fix</c>).</summary>
    public static readonly IReadOnlyList<string> RequiredSections = new[]
    {
        "## Why",
        "## Non-compliant code",
        "## Compliant code",
        "## Options",
        "## How to suppress",
    };

    public static string PathOf(string id) => RepositoryPaths.Combine("docs", "rules", id + ".md");

    /// <summary>The value of a <c>| Name | Value |</c> row of the page's table, or null.</summary>
    public static string? TableValue(IEnumerable<string> lines, string row) => lines
        .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
        .Where(cells => cells.Length >= 4 && cells[0].Length == 0 && cells[1] == row)
        .Select(cells => cells[2])
        .FirstOrDefault();

    /// <summary>The text of the files of a type: <c>Name.cs</c> and its partial parts <c>Name.*.cs</c>.</summary>
    public static IReadOnlyList<string> SourcesOf(Type type, params string[] folder)
    {
        var root = RepositoryPaths.Combine(folder);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Where(file => Path.GetFileName(file) == type.Name + ".cs" || Path.GetFileName(file).StartsWith(type.Name + ".", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
    }

    /// <summary>The analyzer test files named by the rule: <c>STLxxxx_Meaning…Tests.cs</c>.</summary>
    public static IReadOnlyList<string> TestFilesOf(string id) => Directory
        .EnumerateFiles(RepositoryPaths.Combine("tests", "Stateless.Analyzers.Tests"), id + "_*Tests.cs", SearchOption.AllDirectories)
        .Where(file => !IsBuildOutput(file))
        .ToList();

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
}
