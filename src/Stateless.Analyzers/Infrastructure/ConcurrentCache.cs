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
}
