using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Dictionaries for the per-compilation caches that every analyzer thread reads and fills (type judgements, handler
/// kinds, resolved types). Reads are lock-free either way; writes lock one stripe of the table. The default has one
/// stripe per core, so on a 2-core build machine a writer that is preempted while holding its stripe stalls half of
/// all other writers (measured as spinning in <c>TryAdd</c>); 32 stripes and a first size that avoids early resizes
/// (a resize locks every stripe) keep writers out of each other's way.
/// </summary>
internal static class ConcurrentCache
{
    private const int Stripes = 32;
    private const int InitialCapacity = 256;

    public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey> comparer)
        where TKey : notnull =>
        new(Stripes, InitialCapacity, comparer);

    /// <summary>
    /// A cache of answers about definitions (<c>type.OriginalDefinition</c>), keyed by the symbol object itself: a compilation
    /// hands out one object per definition, so this finds what <see cref="Microsoft.CodeAnalysis.SymbolEqualityComparer"/>
    /// would, without its structural hashing on every lookup (profiled as the cost of the handler-kind cache). Two equal
    /// objects would only cost a second computation of the same answer.
    /// </summary>
    public static ConcurrentDictionary<TKey, TValue> ForDefinitions<TKey, TValue>()
        where TKey : class =>
        new(Stripes, InitialCapacity, SameObject<TKey>.Instance);

    private sealed class SameObject<T> : IEqualityComparer<T>
        where T : class
    {
        public static readonly SameObject<T> Instance = new();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
