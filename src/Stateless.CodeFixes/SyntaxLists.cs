using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Stateless.CodeFixes;

/// <summary>
/// Inserts into comma-separated lists (initializers, argument lists, collection expressions) in the layout they
/// already use: one element per line or all on one line, with or without a trailing comma. A comment stays on the line
/// it was written on; the new element brings only indentation and a line break, never a copy of a neighbour's comment.
/// </summary>
internal static class SyntaxLists
{
    public static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item)
        where T : SyntaxNode =>
        Insert(list, list.Count, item);

    /// <summary>Inserts <paramref name="item"/> before the element at <paramref name="index"/> (at the end when it is the count).</summary>
    public static SeparatedSyntaxList<T> Insert<T>(SeparatedSyntaxList<T> list, int index, T item)
        where T : SyntaxNode
    {
        item = item.WithoutTrivia();
        if (list.Count == 0)
        {
            return SyntaxFactory.SingletonSeparatedList(item);
        }

        var last = list[list.Count - 1];

        // One element per line when any element starts its line; the new one takes the indentation of the last such.
        var lineStart = LastStartingLine(list);
        var multiLine = lineStart is not null;
        var endOfLine = EndOfLine(list);
        var lineBreak = multiLine ? SyntaxFactory.TriviaList(endOfLine) : SyntaxFactory.TriviaList(SyntaxFactory.Space);
        var items = new List<SyntaxNodeOrToken>(list.GetWithSeparators());

        if (index < list.Count)
        {
            // Before an element: on its own line when that element starts one (the element keeps its comments and
            // blank lines), else on the element's line.
            var before = list[index];
            var ownLine = StartsLine(before);
            var position = items.IndexOf(before);
            items.Insert(position, item.WithLeadingTrivia(ownLine ? Indentation(before) : SyntaxFactory.TriviaList()));
            items.Insert(position + 1, SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(ownLine ? SyntaxFactory.TriviaList(endOfLine) : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            return SyntaxFactory.SeparatedList<T>(items);
        }

        var indentation = lineStart is null ? SyntaxFactory.TriviaList() : Indentation(lineStart);
        if (list.SeparatorCount == list.Count)
        {
            // Trailing comma: "X = …," after it, in the same style.
            items.Add(item.WithLeadingTrivia(indentation));
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(lineBreak));
            return SyntaxFactory.SeparatedList<T>(items);
        }

        // "Key = x // comment⏎" becomes "Key = x, // comment⏎": the comment stays on its line, the new element ends the list.
        var trailing = last.GetTrailingTrivia();
        var endsLine = trailing.Any(SyntaxKind.EndOfLineTrivia);
        items[items.Count - 1] = last.WithoutTrailingTrivia();
        items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(endsLine ? trailing : lineBreak));
        items.Add(item.WithLeadingTrivia(indentation).WithTrailingTrivia(endsLine ? SyntaxFactory.TriviaList(endOfLine) : trailing));
        return SyntaxFactory.SeparatedList<T>(items);
    }

    private static T? LastStartingLine<T>(SeparatedSyntaxList<T> list)
        where T : SyntaxNode
    {
        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (StartsLine(list[i]))
            {
                return list[i];
            }
        }

        return null;
    }

    /// <summary>Whether the node is the first thing on its line.</summary>
    public static bool StartsLine(SyntaxNode node)
    {
        var first = node.GetFirstToken();
        return first.LeadingTrivia.Any(SyntaxKind.EndOfLineTrivia) || first.GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
    }

    /// <summary>The whitespace that indents the node's line.</summary>
    public static SyntaxTriviaList Indentation(SyntaxNode node)
    {
        var whitespace = node.GetLeadingTrivia().Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        return SyntaxFactory.TriviaList(whitespace);
    }

    /// <summary>The line break the document uses (the first one near the list, else the first in the file).</summary>
    public static SyntaxTrivia EndOfLine(SyntaxNode node)
    {
        foreach (var token in node.DescendantTokens().Concat(node.SyntaxTree.GetRoot().DescendantTokens()))
        {
            foreach (var trivia in token.LeadingTrivia.Concat(token.TrailingTrivia))
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }
        }

        return SyntaxFactory.EndOfLine("\n");
    }

    private static SyntaxTrivia EndOfLine<T>(SeparatedSyntaxList<T> list)
        where T : SyntaxNode =>
        EndOfLine(list[0].Parent ?? list[0]);
}
