using System.Collections.Concurrent;
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
    private readonly MetadataNameSet _mutableTypes = new(MetadataNames.MutableStateTypes);
    private readonly MetadataNameSet _mutableInterfaces = new(MetadataNames.MutableCollectionInterfaces);
    private readonly MetadataNameSet _readOnlyTypes = new(MetadataNames.ReadOnlyCollectionTypes);
    private readonly MetadataNameSet _memoryCaches = new(MetadataNames.MemoryCacheTypes);
    private readonly INamedTypeSymbol? _lazy;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _cache = ConcurrentCache.Create<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

    private StateTypeClassifier(WellKnownTypes types)
    {
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
        type is INamedTypeSymbol named && _mutableTypes.ContainsSelfOrBase(named);

    /// <summary>True for <c>IMemoryCache</c>, <c>MemoryCache</c> and types derived from or implementing them.</summary>
    public bool IsMemoryCache(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        return _memoryCaches.ContainsSelfOrBase(named) || _memoryCaches.ContainsInterfaceOf(named);
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

                if (_readOnlyTypes.ContainsSelfOrBase(named))
                {
                    return false;
                }

                if (_mutableTypes.ContainsSelfOrBase(named))
                {
                    return true;
                }

                if (named.TypeKind == TypeKind.Interface)
                {
                    return _mutableInterfaces.Contains(named);
                }

                // A user collection type: mutable if it exposes a mutable collection interface.
                return _mutableInterfaces.ContainsInterfaceOf(named);
            default:
                return false;
        }
    }
}
