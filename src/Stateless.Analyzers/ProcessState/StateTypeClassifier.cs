using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Decides whether a value of a given type is mutable state (a collection, array or buffer that can be changed
/// in place). Process-wide service types (loggers, clients, meters, options, regexes) and immutable types are not.
/// Created once per compilation; answers are cached per type.
/// </summary>
internal sealed class StateTypeClassifier
{
    private readonly ImmutableArray<INamedTypeSymbol> _mutableTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _mutableInterfaces;
    private readonly ImmutableArray<INamedTypeSymbol> _readOnlyTypes;
    private readonly ImmutableArray<INamedTypeSymbol> _memoryCaches;
    private readonly INamedTypeSymbol? _lazy;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _cache = ConcurrentCache.Create<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

    private StateTypeClassifier(WellKnownTypes types)
    {
        _mutableTypes = types.GetAll(MetadataNames.MutableStateTypes);
        _mutableInterfaces = types.GetAll(MetadataNames.MutableCollectionInterfaces);
        _readOnlyTypes = types.GetAll(MetadataNames.ReadOnlyCollectionTypes);
        _memoryCaches = types.GetAll(MetadataNames.MemoryCacheTypes);
        _lazy = types.Get("System.Lazy`1");
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, StateTypeClassifier> Shared = new();

    /// <summary>
    /// The classifier of this compilation, shared by every rule that asks (STL1001–STL1005), so each type is
    /// classified once per compilation rather than once per analyzer.
    /// </summary>
    public static StateTypeClassifier Create(Compilation compilation) =>
        Shared.GetValue(compilation, static c => new StateTypeClassifier(WellKnownTypes.GetOrCreate(c)));

    /// <summary>
    /// True for arrays, known mutable collections and buffers, types derived from them, and types whose own
    /// public surface mutates through a collection interface (<c>IDictionary</c>, <c>IList</c>, ...).
    /// </summary>
    public bool IsMutableStateType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (_cache.TryGetValue(type, out var result))
        {
            return result;
        }

        result = Classify(type);
        _cache.TryAdd(type, result);
        return result;
    }

    /// <summary>True for a type whose name is one of the known mutable collection or buffer types (not interfaces).</summary>
    public bool IsKnownMutableCollection(ITypeSymbol? type) =>
        type is INamedTypeSymbol named && TypeHierarchy.IsOrInheritsFromAny(named, _mutableTypes);

    /// <summary>True for <c>IMemoryCache</c>, <c>MemoryCache</c> and types derived from or implementing them.</summary>
    public bool IsMemoryCache(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (TypeHierarchy.IsOrInheritsFromAny(named, _memoryCaches) || IsAny(named.OriginalDefinition, _memoryCaches))
        {
            return true;
        }

        foreach (var implemented in named.AllInterfaces)
        {
            if (IsAny(implemented.OriginalDefinition, _memoryCaches))
            {
                return true;
            }
        }

        return false;
    }

    private bool Classify(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol:
                return true;
            case ITypeParameterSymbol:
            case IErrorTypeSymbol:
                return false;
            case INamedTypeSymbol named:
                if (named.SpecialType != SpecialType.None || named.TypeKind is TypeKind.Enum or TypeKind.Delegate)
                {
                    return false;
                }

                if (_lazy is not null && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _lazy))
                {
                    return IsMutableStateType(named.TypeArguments[0]);
                }

                if (TypeHierarchy.IsOrInheritsFromAny(named, _readOnlyTypes) || IsAny(named.OriginalDefinition, _readOnlyTypes))
                {
                    return false;
                }

                if (TypeHierarchy.IsOrInheritsFromAny(named, _mutableTypes))
                {
                    return true;
                }

                if (named.TypeKind == TypeKind.Interface)
                {
                    return IsAny(named.OriginalDefinition, _mutableInterfaces);
                }

                // A user collection type: mutable if it exposes a mutable collection interface.
                foreach (var implemented in named.AllInterfaces)
                {
                    if (IsAny(implemented.OriginalDefinition, _mutableInterfaces))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool IsAny(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (SymbolEqualityComparer.Default.Equals(type, candidate))
            {
                return true;
            }
        }

        return false;
    }
}
