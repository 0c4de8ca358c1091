namespace Stateless.Analyzers.Infrastructure;

internal static partial class MetadataNames
{
    /// <summary>Mutable collection and buffer types: a static or singleton field of one of these is state.</summary>
    public static readonly string[] MutableStateTypes =
    {
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.LinkedList`1",
        "System.Collections.Generic.PriorityQueue`2",
        "System.Collections.Concurrent.ConcurrentDictionary`2",
        "System.Collections.Concurrent.ConcurrentBag`1",
        "System.Collections.Concurrent.ConcurrentQueue`1",
        "System.Collections.Concurrent.ConcurrentStack`1",
        "System.Collections.Concurrent.BlockingCollection`1",
        "System.Collections.ObjectModel.Collection`1",
        "System.Collections.ObjectModel.ObservableCollection`1",
        "System.Collections.ObjectModel.KeyedCollection`2",
        "System.Collections.ArrayList",
        "System.Collections.Hashtable",
        "System.Collections.Queue",
        "System.Collections.Stack",
        "System.Collections.SortedList",
        "System.Collections.Specialized.NameValueCollection",
        "System.Collections.Specialized.OrderedDictionary",
        "System.Text.StringBuilder",
        "System.IO.MemoryStream",
        "System.Runtime.Caching.MemoryCache",
        "Microsoft.Extensions.Caching.Memory.MemoryCache",
    };

    /// <summary>Interfaces through which a field's collection can be changed.</summary>
    public static readonly string[] MutableCollectionInterfaces =
    {
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.ISet`1",
        "System.Collections.IList",
        "System.Collections.IDictionary",
        "System.Collections.Concurrent.IProducerConsumerCollection`1",
        "Microsoft.Extensions.Caching.Memory.IMemoryCache",
    };

    /// <summary>In-process caches: what they hold is a copy a miss recomputes, so evicting from them stores nothing.</summary>
    public static readonly string[] MemoryCacheTypes =
    {
        "System.Runtime.Caching.MemoryCache",
        "Microsoft.Extensions.Caching.Memory.MemoryCache",
        "Microsoft.Extensions.Caching.Memory.IMemoryCache",
    };

    /// <summary>Read-only views and immutable collections that implement a mutable interface only to throw.</summary>
    public static readonly string[] ReadOnlyCollectionTypes =
    {
        "System.Collections.ObjectModel.ReadOnlyCollection`1",
        "System.Collections.ObjectModel.ReadOnlyDictionary`2",
        "System.Collections.ObjectModel.ReadOnlyObservableCollection`1",
        "System.Collections.Immutable.ImmutableArray`1",
        "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.ImmutableSortedDictionary`2",
        "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.ImmutableSortedSet`1",
        "System.Collections.Immutable.ImmutableQueue`1",
        "System.Collections.Immutable.ImmutableStack`1",
        "System.Collections.Frozen.FrozenDictionary`2",
        "System.Collections.Frozen.FrozenSet`1",
    };
}
