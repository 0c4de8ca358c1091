using System;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Namespace comparisons without formatting: <c>ToDisplayString()</c> builds a new string through the symbol display
/// machinery on every call, and these checks sit on hot paths (every mutating-looking call, every member write).
/// The names are compared part by part, from the innermost namespace outwards.
/// </summary>
internal static class NamespaceNames
{
    /// <summary>True when <paramref name="ns"/> is exactly the namespace <paramref name="dottedName"/> (e.g. <c>System.Linq</c>).</summary>
    public static bool Is(INamespaceSymbol? ns, string dottedName) =>
        ns is not null && MatchesSuffix(ns, dottedName, dottedName.Length) is { } rest && rest.IsGlobalNamespace;

    /// <summary>True when <paramref name="ns"/> is <paramref name="dottedName"/> or a namespace inside it.</summary>
    public static bool IsOrIsInside(INamespaceSymbol? ns, string dottedName)
    {
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            if (Is(current, dottedName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// LINQ, immutable and frozen collections: their extension methods with mutating-sounding names (<c>Append</c>,
    /// <c>Add</c> on an immutable list) return a new sequence or collection and change nothing.
    /// </summary>
    public static bool IsNonMutatingOperators(INamespaceSymbol? ns) =>
        Is(ns, "System.Linq") || Is(ns, "System.Collections.Immutable") || Is(ns, "System.Collections.Frozen");

    /// <summary>
    /// True when <paramref name="type"/> is the top-level, non-generic type with the full metadata name
    /// <paramref name="fullMetadataName"/>, in whichever assembly it is declared (several packages may declare the same
    /// extension class name), without resolving the name in the compilation.
    /// </summary>
    public static bool IsTopLevelType(ITypeSymbol? type, string fullMetadataName)
    {
        if (type is not INamedTypeSymbol { Arity: 0, ContainingType: null } named)
        {
            return false;
        }

        var dot = fullMetadataName.LastIndexOf('.');
        var name = named.Name;
        return name.Length == fullMetadataName.Length - dot - 1
            && string.CompareOrdinal(name, 0, fullMetadataName, dot + 1, name.Length) == 0
            && (dot < 0 ? named.ContainingNamespace?.IsGlobalNamespace == true : Is(named.ContainingNamespace, fullMetadataName.Substring(0, dot)));
    }

    /// <summary>True when the symbol's containing namespace is exactly <paramref name="dottedName"/>.</summary>
    public static bool IsDeclaredIn(ISymbol? symbol, string dottedName) => Is(symbol?.ContainingNamespace, dottedName);

    /// <summary>
    /// Matches the namespace chain ending at <paramref name="ns"/> against <c>dottedName[..end]</c> from its last part
    /// backwards; returns the namespace that contains the matched chain, or null when a part differs.
    /// </summary>
    private static INamespaceSymbol? MatchesSuffix(INamespaceSymbol ns, string dottedName, int end)
    {
        var current = ns;
        while (end > 0)
        {
            if (current is null || current.IsGlobalNamespace)
            {
                return null;
            }

            var start = dottedName.LastIndexOf('.', end - 1) + 1;
            var name = current.Name;
            if (name.Length != end - start || string.CompareOrdinal(name, 0, dottedName, start, name.Length) != 0)
            {
                return null;
            }

            current = current.ContainingNamespace;
            end = start - 1;
        }

        return end == 0 ? null : current;
    }
}
