using Microsoft.Extensions.Caching.Distributed;

namespace Stateless.Testing;

/// <summary>Which <see cref="IDistributedCache"/> registrations of the app the fleet replaces with the shared cache.</summary>
public enum SharedCacheMode
{
    /// <summary>Replace a registration of an external store (Redis, SQL Server, anything but the in-process
    /// <c>MemoryDistributedCache</c>) and add the shared cache when the app registers none; an app that registers
    /// <c>AddDistributedMemoryCache()</c> keeps one per replica, as it would in production.</summary>
    ReplaceExternal,

    /// <summary>Replace every registration, including <c>AddDistributedMemoryCache()</c>: what the app would get once
    /// its cache moves to a shared store.</summary>
    ReplaceAll,

    /// <summary>Leave the app's registrations alone.</summary>
    AsConfigured,
}
