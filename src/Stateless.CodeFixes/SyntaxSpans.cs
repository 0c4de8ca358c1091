using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.CodeFixes;

/// <summary>Finds the node a diagnostic or a span property points at, without trusting that the span still fits the tree.</summary>
internal static class SyntaxSpans
{
    /// <summary>
    /// The innermost node at <paramref name="span"/>, or null when the span lies outside the tree: a tool may hand a
    /// fixer a diagnostic computed before another fix changed the document, and a fixer must not throw on it.
    /// </summary>
    public static SyntaxNode? FindNodeAt(this SyntaxNode root, TextSpan span) =>
        root.FullSpan.Contains(span) ? root.FindNode(span, getInnermostNodeForTie: true) : null;
}
