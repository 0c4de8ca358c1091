using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// The identifier tokens spelled <c>name</c> in a compilation's source, found from text: the name is searched in each
/// file's text and only the tokens at whole-word occurrences are looked at, so the trees are never walked whole (a
/// walk of every node costs more than all the rules' questions). <c>@name</c> counts; a name spelled with a Unicode
/// escape (<c>Regi\u0073ter</c>) is not found, and occurrences in comments and strings are not identifiers.
/// </summary>
internal static class NameTokens
{
    public static IEnumerable<SyntaxToken> In(Compilation compilation, string name, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var text = tree.TryGetText(out var existing) ? existing : tree.GetText(cancellationToken);
            if (text.Length < name.Length)
            {
                continue;
            }

            var source = text.ToString();
            SyntaxNode? root = null;
            for (var at = source.IndexOf(name, StringComparison.Ordinal); at >= 0; at = source.IndexOf(name, at + name.Length, StringComparison.Ordinal))
            {
                if (!IsWholeWord(source, at, name.Length))
                {
                    continue;
                }

                root ??= tree.GetRoot(cancellationToken);
                var token = root.FindToken(at);
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.Contains(at) && token.ValueText == name)
                {
                    yield return token;
                }
            }
        }
    }

    /// <summary>An occurrence not inside a longer identifier (<c>Register</c> in <c>RegisterAll</c> or <c>TryRegister</c>).</summary>
    private static bool IsWholeWord(string source, int at, int length) =>
        (at == 0 || !SyntaxFacts.IsIdentifierPartCharacter(source[at - 1]))
        && (at + length >= source.Length || !SyntaxFacts.IsIdentifierPartCharacter(source[at + length]));
}
