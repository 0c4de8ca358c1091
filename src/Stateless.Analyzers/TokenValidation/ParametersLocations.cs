using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.Analyzers.TokenValidation;

/// <summary>Where the token-validation rules report on a configuration that sets nothing wrong but omits a setting.</summary>
internal static class ParametersLocations
{
    /// <summary>The lambda (its parameters and arrow) or method that configures the options in place.</summary>
    public static Location ConfiguringLocation(IOperation anchor, ISymbol owningSymbol)
    {
        for (var current = anchor.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function)
            {
                switch (function.Syntax)
                {
                    case LambdaExpressionSyntax lambda:
                        return Location.Create(lambda.SyntaxTree, TextSpan.FromBounds(lambda.SpanStart, lambda.ArrowToken.Span.End));
                    case AnonymousMethodExpressionSyntax method:
                        return Location.Create(method.SyntaxTree, TextSpan.FromBounds(method.SpanStart, method.ParameterList?.Span.End ?? method.DelegateKeyword.Span.End));
                }
            }

            if (current is ILocalFunctionOperation { Syntax: LocalFunctionStatementSyntax localFunction })
            {
                return localFunction.Identifier.GetLocation();
            }
        }

        foreach (var location in owningSymbol.Locations)
        {
            if (location.IsInSource && location.SourceTree == anchor.Syntax.SyntaxTree)
            {
                return location;
            }
        }

        return anchor.Syntax.GetLocation();
    }
}
