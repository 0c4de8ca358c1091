using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Stateless.CodeFixes;

/// <summary>Adds named arguments to an argument list.</summary>
internal static class Arguments
{
    /// <summary>
    /// Adds <c>name: value</c> in parameter order: before the first of the trailing named arguments whose parameter
    /// comes later, else at the end. Two fixes that each add an argument give the same call in either order.
    /// </summary>
    public static ArgumentListSyntax AddNamed(ArgumentListSyntax list, string name, ExpressionSyntax value, IMethodSymbol? method)
    {
        var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon(name), default, value);
        var ordinal = Ordinal(method, name);
        var index = list.Arguments.Count;
        for (var i = list.Arguments.Count - 1; i >= 0 && ordinal >= 0; i--)
        {
            var existing = list.Arguments[i].NameColon?.Name.Identifier.ValueText;
            if (existing is null)
            {
                break;
            }

            if (Ordinal(method, existing) > ordinal)
            {
                index = i;
            }
        }

        return list.WithArguments(SyntaxLists.Insert(list.Arguments, index, argument));
    }

    private static int Ordinal(IMethodSymbol? method, string name)
    {
        if (method is null)
        {
            return -1;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name)
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }
}
