using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// A set of types known by metadata name (<c>System.Collections.Generic.List`1</c>, <c>Outer+Inner</c>), matched against a
/// type's own metadata name instead of resolving every name in the compilation first: resolving a name searches every
/// referenced assembly, and the long lists (collections, process resources) are only ever asked about a few types.
/// A type's own simple metadata name (<c>List`1</c>) is compared first, so most types are rejected without building a
/// full name; a full name is computed once per symbol.
/// </summary>
internal sealed class MetadataNameSet
{
    private static readonly ConditionalWeakTable<INamedTypeSymbol, string> FullNames = new();

    private static readonly char[] Separators = { '.', '+' };

    private readonly HashSet<string> _names;

    /// <summary>The last segment of every name (<c>List`1</c>, <c>Inner</c>): a type whose own metadata name is not here is not in the set.</summary>
    private readonly HashSet<string> _simpleNames;

    public MetadataNameSet(IEnumerable<string> metadataNames)
    {
        _names = new HashSet<string>(metadataNames, StringComparer.Ordinal);
        _simpleNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _names)
        {
            _simpleNames.Add(name.Substring(name.LastIndexOfAny(Separators) + 1));
        }
    }

    /// <summary>True when the type's definition (<c>List`1</c> for <c>List&lt;int&gt;</c>) is one of the set.</summary>
    public bool Contains(INamedTypeSymbol? type) =>
        type is not null and not IErrorTypeSymbol
        && _simpleNames.Contains(type.MetadataName)
        && _names.Contains(FullMetadataName(type.OriginalDefinition));

    /// <summary>True when the type or one of its base classes is one of the set.</summary>
    public bool ContainsSelfOrBase(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Contains(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when one of the interfaces the type implements (directly or through a base or another interface) is one of the set.</summary>
    public bool ContainsInterfaceOf(INamedTypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (Contains(implemented))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name <see cref="Compilation.GetTypeByMetadataName"/> takes for this type.</summary>
    public static string FullMetadataName(INamedTypeSymbol type) => FullNames.GetValue(type, static t => Compute(t));

    private static string Compute(INamedTypeSymbol type)
    {
        if (type.ContainingType is { } containing)
        {
            return FullMetadataName(containing) + "+" + type.MetadataName;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns
            ? ns.ToDisplayString() + "." + type.MetadataName
            : type.MetadataName;
    }
}
