using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.CodeFixes.TokenValidation;

/// <summary>Removes initializer members, collection elements and statements while keeping the surrounding layout.</summary>
internal static class SettingRemoval
{
    /// <summary>Removes a statement, or an element of a comma-separated list (initializer member, array element).</summary>
    public static SyntaxNode Remove(SyntaxNode root, SyntaxNode node) => RemoveAll(root, new[] { node });

    public static SyntaxNode RemoveAll(SyntaxNode root, IReadOnlyCollection<SyntaxNode> nodes)
    {
        var statements = nodes.OfType<StatementSyntax>().ToList();
        var elements = nodes.Where(n => n is not StatementSyntax && n.Parent is not null).ToList();
        var lists = elements.Select(e => e.Parent!).Distinct().ToList();

        // Each edit is found again in the rewritten tree by tracking, so edits in one list or one block compose.
        var result = root.TrackNodes(statements.Concat(elements).Concat(lists));
        foreach (var list in lists)
        {
            var current = result.GetCurrentNode(list);
            if (current is null)
            {
                continue;
            }

            var removed = new HashSet<SyntaxNode>();
            foreach (var element in elements)
            {
                if (element.Parent == list && result.GetCurrentNode(element) is { } currentElement)
                {
                    removed.Add(currentElement);
                }
            }

            result = result.ReplaceNode(current, RebuildList(current, removed));
        }

        foreach (var statement in statements)
        {
            if (result.GetCurrentNode(statement) is { } current)
            {
                result = result.RemoveNode(current, SyntaxRemoveOptions.KeepUnbalancedDirectives)!;
            }
        }

        return result;
    }

    private static SyntaxNode RebuildList(SyntaxNode list, HashSet<SyntaxNode> removed)
    {
        switch (list)
        {
            case InitializerExpressionSyntax initializer:
                return initializer.WithExpressions(Rebuild(initializer.Expressions, removed));
            case CollectionExpressionSyntax collection:
                return collection.WithElements(Rebuild(collection.Elements, removed));
            default:
                return list;
        }
    }

    /// <summary>
    /// Drops the removed elements. Each kept element keeps its own trivia and the separator that followed it (with
    /// any comment on that line); the last kept element takes its separator's line ending, so multi-line lists stay
    /// one element per line and single-line lists stay single-line.
    /// </summary>
    private static SeparatedSyntaxList<T> Rebuild<T>(SeparatedSyntaxList<T> list, HashSet<SyntaxNode> removed)
        where T : SyntaxNode
    {
        var indices = new List<int>();
        for (var i = 0; i < list.Count; i++)
        {
            if (!removed.Contains(list[i]))
            {
                indices.Add(i);
            }
        }

        if (indices.Count == 0)
        {
            return default;
        }

        var hadTrailingSeparator = list.SeparatorCount == list.Count;
        var kept = new List<T>();
        var separators = new List<SyntaxToken>();
        for (var k = 0; k < indices.Count; k++)
        {
            var index = indices[k];
            var element = list[index];
            var isLast = k == indices.Count - 1;
            if (!isLast || hadTrailingSeparator)
            {
                separators.Add(index < list.SeparatorCount ? list.GetSeparator(index) : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            }
            else if (index < list.SeparatorCount)
            {
                // No trailing comma any more: on its own line the element takes its comma's line ending (and comment),
                // on one line the spacing the original last element had before the closing brace.
                var separatorTrivia = list.GetSeparator(index).TrailingTrivia;
                element = separatorTrivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia))
                    ? element.WithTrailingTrivia(element.GetTrailingTrivia().AddRange(separatorTrivia))
                    : element.WithTrailingTrivia(list[list.Count - 1].GetTrailingTrivia());
            }

            kept.Add(element);
        }

        // An element on its own line keeps its own comments and blank lines; one that shared the line of the removed
        // first element takes that element's place after the opening brace.
        if (indices[0] != 0 && !SyntaxLists.StartsLine(list[0]))
        {
            kept[0] = kept[0].WithLeadingTrivia(list[0].GetLeadingTrivia());
        }

        return SyntaxFactory.SeparatedList(kept, separators);
    }
}
