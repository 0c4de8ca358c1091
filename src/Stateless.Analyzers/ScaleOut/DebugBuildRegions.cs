using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>Code compiled only into debug builds: inside <c>#if DEBUG</c> (or the <c>#else</c> of <c>#if !DEBUG</c>).</summary>
internal static class DebugBuildRegions
{
    /// <summary>Inside an active <c>#if DEBUG</c> region (or the <c>#else</c> of <c>#if !DEBUG</c>).</summary>
    public static bool Contains(SyntaxNode node)
    {
        var root = node.SyntaxTree.GetRoot();
        if (!root.ContainsDirectives)
        {
            return false;
        }

        // One entry per open #if: is the current branch debug-only, and would the #else branch be?
        var open = new Stack<(bool Current, bool Else)>();
        for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < node.SpanStart; directive = directive.GetNextDirective())
        {
            switch (directive)
            {
                case IfDirectiveTriviaSyntax @if:
                    var (whenTrue, whenFalse) = DebugOnly(@if.Condition);
                    open.Push((whenTrue, whenFalse));
                    break;
                case ElifDirectiveTriviaSyntax when open.Count > 0:
                    open.Pop();
                    open.Push((false, false));
                    break;
                case ElseDirectiveTriviaSyntax when open.Count > 0:
                    var branch = open.Pop();
                    open.Push((branch.Else, false));
                    break;
                case EndIfDirectiveTriviaSyntax when open.Count > 0:
                    open.Pop();
                    break;
            }
        }

        foreach (var (current, _) in open)
        {
            if (current)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Does the preprocessor condition being true (false) mean a debug build?</summary>
    private static (bool WhenTrue, bool WhenFalse) DebugOnly(ExpressionSyntax condition)
    {
        switch (condition)
        {
            case IdentifierNameSyntax { Identifier.ValueText: "DEBUG" }:
                return (true, false);
            case ParenthesizedExpressionSyntax parenthesized:
                return DebugOnly(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                var (t, f) = DebugOnly(unary.Operand);
                return (f, t);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression):
                var left = DebugOnly(binary.Left);
                var right = DebugOnly(binary.Right);
                return (left.WhenTrue || right.WhenTrue, left.WhenFalse && right.WhenFalse);
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression):
                var l = DebugOnly(binary.Left);
                var r = DebugOnly(binary.Right);
                return (l.WhenTrue && r.WhenTrue, l.WhenFalse || r.WhenFalse);
            default:
                return (false, false);
        }
    }
}
