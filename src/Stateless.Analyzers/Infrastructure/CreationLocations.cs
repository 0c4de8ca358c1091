using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>Where a rule reports on an object it judges by its creation.</summary>
internal static class CreationLocations
{
    /// <summary>
    /// <c>new X(…)</c> or <c>new(…)</c> without its initializer, so the squiggle stays on one line; any other syntax
    /// (a collection expression, a factory call) whole.
    /// </summary>
    public static Location Head(SyntaxNode creation)
    {
        var end = creation switch
        {
            ObjectCreationExpressionSyntax explicitType => explicitType.ArgumentList?.Span.End ?? explicitType.Type.Span.End,
            ImplicitObjectCreationExpressionSyntax implicitType => implicitType.ArgumentList.Span.End,
            _ => creation.Span.End,
        };

        return Location.Create(creation.SyntaxTree, TextSpan.FromBounds(creation.SpanStart, end));
    }
}
