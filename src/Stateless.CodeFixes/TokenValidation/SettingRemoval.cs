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
    /// Drops the removed elements; each kept element keeps its own trivia and the separator that followed the
    /// element it now follows, so multi-line lists stay one element per line and single-line lists stay single-line.
    /// </summary>
    private static SeparatedSyntaxList<T> Rebuild<T>(SeparatedSyntaxList<T> list, HashSet<SyntaxNode> removed)
        where T : SyntaxNode
    {
        var kept = new List<T>();
        var separators = new List<SyntaxToken>();
        for (var i = 0; i < list.Count; i++)
        {
            if (!removed.Contains(list[i]))
            {
                kept.Add(list[i]);
            }
        }

        if (kept.Count == 0)
        {
            return default;
        }

        var hadTrailingSeparator = list.SeparatorCount == list.Count;
        for (var i = 0; i < kept.Count - 1 || (hadTrailingSeparator && i < kept.Count); i++)
        {
            separators.Add(i < list.SeparatorCount ? list.GetSeparator(i) : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
        }

        // The last kept element takes the trailing trivia of the original last element (the space or line
        // break before the closing brace) when no trailing comma follows it.
        if (!hadTrailingSeparator)
        {
            var originalLast = list[list.Count - 1];
            var lastKept = kept[kept.Count - 1];
            if (lastKept != originalLast)
            {
                kept[kept.Count - 1] = lastKept.WithTrailingTrivia(originalLast.GetTrailingTrivia());
            }
        }

        // The first kept element keeps the leading trivia of the original first element (e.g. "{ " spacing is on the brace).
        var first = list[0];
        if (kept[0] != first)
        {
            kept[0] = kept[0].WithLeadingTrivia(first.GetLeadingTrivia());
        }

        return SyntaxFactory.SeparatedList(kept, separators);
    }
}
