using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Questions about a type's base classes and interfaces. Types are compared by their original definition with
/// <see cref="SymbolEqualityComparer.Default"/>, so <c>List&lt;int&gt;</c> inherits from the <c>List`1</c> a rule resolved by
/// metadata name; pass definitions (what <see cref="WellKnownTypes"/> returns) as the types asked about.
/// </summary>
internal static class TypeHierarchy
{
    /// <summary>The type and its base classes, nearest first (an array: <c>System.Array</c>, <c>object</c>; a type parameter or interface: only itself).</summary>
    public static BaseTypeChain BaseTypesAndSelf(ITypeSymbol? type) => new(type);

    /// <summary>The base classes of the type, nearest first, without the type itself.</summary>
    public static BaseTypeChain BaseTypes(ITypeSymbol? type) => new(type?.BaseType);

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool IsOrInheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType) =>
        baseType is not null && Find(BaseTypesAndSelf(type), baseType);

    /// <summary>True when <paramref name="type"/> derives from <paramref name="baseType"/> (the type itself does not count).</summary>
    public static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType) =>
        baseType is not null && Find(BaseTypes(type), baseType);

    /// <summary>The first of <paramref name="candidates"/> (in their order) met walking from the type up its base classes, or null.</summary>
    public static INamedTypeSymbol? FirstSelfOrBaseIn(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> candidates)
    {
        foreach (var current in BaseTypesAndSelf(type))
        {
            var definition = current.OriginalDefinition;
            foreach (var candidate in candidates)
            {
                if (SymbolEqualityComparer.Default.Equals(definition, candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="type"/> is or derives from one of <paramref name="candidates"/>.</summary>
    public static bool IsOrInheritsFromAny(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> candidates) =>
        FirstSelfOrBaseIn(type, candidates) is not null;

    /// <summary>True when <paramref name="type"/> implements the interface <paramref name="interfaceType"/>, directly or through others.</summary>
    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? interfaceType)
    {
        if (type is null || interfaceType is null || interfaceType.TypeKind != TypeKind.Interface)
        {
            return false;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, interfaceType))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Find(BaseTypeChain chain, INamedTypeSymbol baseType)
    {
        foreach (var current in chain)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A walk up <see cref="ITypeSymbol.BaseType"/> that allocates nothing.</summary>
    public readonly struct BaseTypeChain
    {
        private readonly ITypeSymbol? _first;

        public BaseTypeChain(ITypeSymbol? first)
        {
            _first = first;
        }

        public Enumerator GetEnumerator() => new(_first);

        public struct Enumerator
        {
            private ITypeSymbol? _next;

            public Enumerator(ITypeSymbol? first)
            {
                _next = first;
                Current = null!;
            }

            public ITypeSymbol Current { get; private set; }

            public bool MoveNext()
            {
                if (_next is null)
                {
                    return false;
                }

                Current = _next;
                _next = _next.BaseType;
                return true;
            }
        }
    }
}
