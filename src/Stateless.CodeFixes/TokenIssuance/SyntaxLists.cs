using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Stateless.CodeFixes.TokenIssuance;

/// <summary>Appends to argument lists, initializers and collection expressions in the layout they already use.</summary>
internal static class SyntaxLists
{
    public static SeparatedSyntaxList<T> Append<T>(SeparatedSyntaxList<T> list, T item)
        where T : SyntaxNode
    {
        if (list.Count == 0)
        {
            return SyntaxFactory.SingletonSeparatedList(item);
        }

        var last = list[list.Count - 1];
        var multiLine = StartsLine(last);
        var indentation = multiLine ? Indentation(last) : SyntaxFactory.TriviaList();
        var items = new List<SyntaxNodeOrToken>(list.GetWithSeparators());
        var separatorTrivia = list.SeparatorCount > 0
            ? list.GetSeparator(0).TrailingTrivia
            : multiLine ? SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(NewLine(last))) : SyntaxFactory.TriviaList(SyntaxFactory.Space);
        if (multiLine && !separatorTrivia.Any(SyntaxKind.EndOfLineTrivia))
        {
            separatorTrivia = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(NewLine(last)));
        }

        if (list.SeparatorCount == list.Count)
        {
            items.Add(item.WithLeadingTrivia(indentation));
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(list.GetSeparator(list.SeparatorCount - 1).TrailingTrivia));
        }
        else
        {
            var trailing = last.GetTrailingTrivia();
            items[items.Count - 1] = last.WithoutTrailingTrivia();
            items.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiLine ? separatorTrivia : SyntaxFactory.TriviaList(SyntaxFactory.Space)));
            items.Add(item.WithLeadingTrivia(indentation).WithTrailingTrivia(trailing));
        }

        return SyntaxFactory.SeparatedList<T>(items);
    }

    private static bool StartsLine(SyntaxNode node)
    {
        var first = node.GetFirstToken();
        return first.LeadingTrivia.Any(SyntaxKind.EndOfLineTrivia) || first.GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
    }

    private static SyntaxTriviaList Indentation(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        var whitespace = leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse();
        return SyntaxFactory.TriviaList(whitespace);
    }

    private static string NewLine(SyntaxNode node) =>
        node.SyntaxTree.GetText().ToString().Contains("\r\n") ? "\r\n" : "\n";
}
