using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Stateless.Testing;

/// <summary>
/// The external state every replica of a fleet shares: one <see cref="IDistributedCache"/> and one Data Protection
/// key repository. Both are single objects living in the default load context; <see cref="Reset"/> swaps in empty
/// stores so that each replay starts from nothing.
/// </summary>
public sealed class SharedFleetState : IDisposable
{
    private readonly Func<IDistributedCache>? _cacheFactory;
    private readonly SwappableDistributedCache _cache = new();
    private readonly InMemoryXmlRepository _keys = new();

    internal SharedFleetState(Func<IDistributedCache>? cacheFactory)
    {
        _cacheFactory = cacheFactory;
        Reset();
    }

    /// <summary>The cache registered in every replica (it forwards to the current store).</summary>
    public IDistributedCache Cache => _cache;

    /// <summary>The store the cache currently forwards to (a <c>MemoryDistributedCache</c>, a <c>RedisCache</c>, or
    /// what <see cref="ReplicaFleetOptions.SharedCacheFactory"/> made).</summary>
    public IDistributedCache Store => _cache.Inner;

    /// <summary>The key repository registered in every replica when keys are shared.</summary>
    public IXmlRepository DataProtectionKeys => _keys;

    /// <summary>Replaces the cache's store with a new, empty one and forgets every shared key.</summary>
    public void Reset()
    {
        var previous = _cache.Swap(_cacheFactory?.Invoke()
            ?? new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        (previous as IDisposable)?.Dispose();
        _keys.Clear();
    }

    /// <summary>Disposes the current store if it is disposable (a Redis connection).</summary>
    public void Dispose() => (_cache.Swap(NullCache.Instance) as IDisposable)?.Dispose();

    private sealed class NullCache : IDistributedCache
    {
        public static readonly NullCache Instance = new();

        public byte[]? Get(string key) => throw Disposed();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => throw Disposed();

        public void Refresh(string key) => throw Disposed();

        public Task RefreshAsync(string key, CancellationToken token = default) => throw Disposed();

        public void Remove(string key) => throw Disposed();

        public Task RemoveAsync(string key, CancellationToken token = default) => throw Disposed();

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Disposed();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            throw Disposed();

        private static ObjectDisposedException Disposed() => new(nameof(SharedFleetState), "The fleet has been disposed.");
    }

    private sealed class SwappableDistributedCache : IDistributedCache
    {
        private IDistributedCache? _inner;

        public IDistributedCache Inner => Volatile.Read(ref _inner)!;

        public IDistributedCache? Swap(IDistributedCache next) => Interlocked.Exchange(ref _inner, next);

        public byte[]? Get(string key) => Inner.Get(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Inner.GetAsync(key, token);

        public void Refresh(string key) => Inner.Refresh(key);

        public Task RefreshAsync(string key, CancellationToken token = default) => Inner.RefreshAsync(key, token);

        public void Remove(string key) => Inner.Remove(key);

        public Task RemoveAsync(string key, CancellationToken token = default) => Inner.RemoveAsync(key, token);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Inner.Set(key, value, options);

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
            Inner.SetAsync(key, value, options, token);
    }

    internal sealed class InMemoryXmlRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_elements)
            {
                return _elements.Select(e => new XElement(e)).ToList();
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(new XElement(element));
            }
        }

        public void Clear()
        {
            lock (_elements)
            {
                _elements.Clear();
            }
        }
    }
}
