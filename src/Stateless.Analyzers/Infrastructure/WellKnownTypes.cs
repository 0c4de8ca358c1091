using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Per-compilation cache of types resolved by metadata name. Every analyzer of the package shares one
/// instance per compilation, so each well-known type is looked up once, not once per node or per rule.
/// Lookups in referenced assemblies are also shared between compilations with the same references
/// (<see cref="ReferencedTypes"/>): the IDE and the analyzer driver create a new compilation for every edit, and
/// resolving a name searches every referenced assembly.
/// </summary>
internal sealed class WellKnownTypes
{
    private static readonly ConditionalWeakTable<Compilation, WellKnownTypes> Cache = new();

    private readonly Compilation _compilation;
    private readonly ReferencedTypes _referenced;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = ConcurrentCache.Create<string, INamedTypeSymbol?>(System.StringComparer.Ordinal);

    private WellKnownTypes(Compilation compilation)
    {
        _compilation = compilation;
        _referenced = ReferencedTypes.For(compilation);
    }

    public static WellKnownTypes GetOrCreate(Compilation compilation) =>
        Cache.GetValue(compilation, static c => new WellKnownTypes(c));

    /// <summary>The types of these metadata names that the compilation has, in the order given (names it lacks are left out).</summary>
    public System.Collections.Immutable.ImmutableArray<INamedTypeSymbol> GetAll(params string[] metadataNames)
    {
        var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<INamedTypeSymbol>(metadataNames.Length);
        foreach (var name in metadataNames)
        {
            if (Get(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// The type with this metadata name (for example <c>System.Collections.Generic.List`1</c>), or null; the same answer
    /// as <see cref="Compilation.GetTypeByMetadataName"/>: the compilation's own type first, else the one referenced
    /// assembly that has it (none when two do).
    /// </summary>
    public INamedTypeSymbol? Get(string metadataName)
    {
        if (_types.TryGetValue(metadataName, out var type))
        {
            return type;
        }

        type = _compilation.Assembly.GetTypeByMetadataName(metadataName) ?? _referenced.Get(_compilation, metadataName);
        _types.TryAdd(metadataName, type);
        return type;
    }
}
