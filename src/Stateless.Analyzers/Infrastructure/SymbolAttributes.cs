using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>Attribute questions, with attribute classes compared as <see cref="TypeHierarchy"/> compares types.</summary>
internal static class SymbolAttributes
{
    /// <summary>
    /// True when <paramref name="symbol"/> carries <paramref name="attributeType"/> or an attribute derived from it; with
    /// <paramref name="inherit"/>, a type also when one of its base classes carries it.
    /// </summary>
    public static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType, bool inherit)
    {
        if (attributeType is null)
        {
            return false;
        }

        for (var current = symbol; current is not null; current = inherit && current is INamedTypeSymbol named ? named.BaseType : null)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (TypeHierarchy.IsOrInheritsFrom(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
