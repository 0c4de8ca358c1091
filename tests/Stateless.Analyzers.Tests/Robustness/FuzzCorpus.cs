using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Stateless.Analyzers.Tests.Robustness;

/// <summary>
/// The seed inputs of the fuzz test: every C# source embedded as a string literal in the analyzer tests, and
/// every .cs file of the samples.
/// </summary>
internal static class FuzzCorpus
{
    public static IReadOnlyList<(string Name, string Source)> Load()
    {
        var corpus = new List<(string, string)>();
        var testsRoot = RepositoryPaths.Combine("tests", "Stateless.Analyzers.Tests");
        foreach (var file in SourceFiles(testsRoot).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Robustness{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
            var index = 0;
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
                {
                    var text = token.ValueText;
                    if (text.Length >= 40 && LooksLikeCSharp(text))
                    {
                        corpus.Add(($"{Path.GetFileNameWithoutExtension(file)}#{index++}", StripMarkup(text)));
                    }
                }
            }
        }

        foreach (var file in SourceFiles(RepositoryPaths.Combine("samples")))
        {
            corpus.Add((Path.GetRelativePath(RepositoryPaths.Root, file), File.ReadAllText(file)));
        }

        return corpus;
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
            : Enumerable.Empty<string>();

    private static bool LooksLikeCSharp(string text) =>
        text.Contains("class ", StringComparison.Ordinal) || text.Contains("using ", StringComparison.Ordinal)
        || text.Contains("var ", StringComparison.Ordinal) || text.Contains("builder.", StringComparison.Ordinal);

    /// <summary>Removes test markup (<c>{|#0:x|}</c>, <c>[|x|]</c>, <c>{|STL1001:x|}</c>) so the seed is plain C#.</summary>
    private static string StripMarkup(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '{' && i + 1 < text.Length && text[i + 1] == '|')
            {
                var colon = text.IndexOf(':', i + 2);
                if (colon > 0 && colon - i < 40)
                {
                    i = colon;
                    continue;
                }
            }

            if (text[i] == '|' && i + 1 < text.Length && text[i + 1] == '}')
            {
                i++;
                continue;
            }

            if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == '|')
            {
                i++;
                continue;
            }

            if (text[i] == '|' && i + 1 < text.Length && text[i + 1] == ']')
            {
                i++;
                continue;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }
}
