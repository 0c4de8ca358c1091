using Microsoft.CodeAnalysis;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Chooses the immutable type a never-written static collection becomes (STL1001's fix):
/// dictionaries → <c>FrozenDictionary</c>, sets → <c>FrozenSet</c>, lists and arrays → <c>ImmutableArray</c>.
/// Frozen collections need .NET 8; older targets get <c>ImmutableDictionary</c>/<c>ImmutableHashSet</c>.
/// </summary>
internal sealed class ImmutableTargets
{
    public const string FrozenDictionary = "FrozenDictionary";
    public const string FrozenSet = "FrozenSet";
    public const string ImmutableDictionary = "ImmutableDictionary";
    public const string ImmutableHashSet = "ImmutableHashSet";
    public const string ImmutableArray = "ImmutableArray";

    private readonly INamedTypeSymbol? _dictionary;
    private readonly INamedTypeSymbol? _concurrentDictionary;
    private readonly INamedTypeSymbol? _hashSet;
    private readonly INamedTypeSymbol? _list;
    private readonly bool _hasFrozen;
    private readonly bool _hasImmutable;

    private ImmutableTargets(WellKnownTypes types)
    {
        _dictionary = types.Get("System.Collections.Generic.Dictionary`2");
        _concurrentDictionary = types.Get("System.Collections.Concurrent.ConcurrentDictionary`2");
        _hashSet = types.Get("System.Collections.Generic.HashSet`1");
        _list = types.Get("System.Collections.Generic.List`1");
        _hasFrozen = types.Get("System.Collections.Frozen.FrozenDictionary`2") is not null
            && types.Get("System.Collections.Frozen.FrozenSet`1") is not null;
        _hasImmutable = types.Get("System.Collections.Immutable.ImmutableArray`1") is not null;
    }

    public static ImmutableTargets Create(Compilation compilation) => new(WellKnownTypes.GetOrCreate(compilation));

    /// <summary>
    /// Would an immutable type say more than the array does, at no cost to its readers? Not for bytes: a constant buffer is
    /// handed to streams, files and encoders that take <c>byte[]</c>, so <c>ImmutableArray&lt;byte&gt;</c> would copy it on
    /// every use (its idiom is a <c>u8</c> literal or <c>ReadOnlyMemory&lt;byte&gt;</c>).
    /// </summary>
    public static bool IsWorthFreezing(ITypeSymbol type) =>
        type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte or SpecialType.System_SByte };

    /// <summary>The target kind for a declared field type, or null when no safe conversion exists.</summary>
    public string? For(ITypeSymbol type)
    {
        if (!_hasImmutable)
        {
            return null;
        }

        if (type is IArrayTypeSymbol { Rank: 1 })
        {
            return ImmutableArray;
        }

        if (type is not INamedTypeSymbol { IsGenericType: true } named)
        {
            return null;
        }

        var definition = named.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, _dictionary) || SymbolEqualityComparer.Default.Equals(definition, _concurrentDictionary))
        {
            return _hasFrozen ? FrozenDictionary : ImmutableDictionary;
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _hashSet))
        {
            return _hasFrozen ? FrozenSet : ImmutableHashSet;
        }

        if (SymbolEqualityComparer.Default.Equals(definition, _list))
        {
            return ImmutableArray;
        }

        return null;
    }
}
