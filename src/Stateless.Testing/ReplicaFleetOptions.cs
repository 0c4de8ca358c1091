using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace Stateless.Testing;

/// <summary>How a fleet runs its replicas and which external state they share.</summary>
public sealed class ReplicaFleetOptions
{
    /// <summary>How many replicas the fleet starts with (and returns to on every replay). Default 2.</summary>
    public int Replicas { get; set; } = 2;

    /// <summary>The hosting environment every replica runs in. Default <c>Development</c>, as WebApplicationFactory.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>The content root; default the directory of the app assembly.</summary>
    public string? ContentRoot { get; set; }

    /// <summary>Configuration every replica gets, passed as command-line arguments (they win over appsettings).
    /// Unless set here, <c>Logging:LogLevel:Default</c> is <c>Warning</c> to keep test output readable.</summary>
    public IDictionary<string, string?> Configuration { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether replicas get their own statics. Default <see cref="StaticIsolation.PerReplicaLoadContext"/>.</summary>
    public StaticIsolation Isolation { get; set; } = StaticIsolation.PerReplicaLoadContext;

    /// <summary>Which <see cref="IDistributedCache"/> registrations the fleet replaces with the shared cache.
    /// Default <see cref="SharedCacheMode.ReplaceExternal"/>.</summary>
    public SharedCacheMode DistributedCache { get; set; } = SharedCacheMode.ReplaceExternal;

    /// <summary>The shared cache's backing store, created once per replay (so every replay starts empty): e.g. a
    /// <c>RedisCache</c> with a fresh <c>InstanceName</c> to run against a real Redis. Default: an in-memory cache
    /// that all replicas share as one object.</summary>
    public Func<IDistributedCache>? SharedCacheFactory { get; set; }

    /// <summary>A Redis connection string (StackExchange.Redis syntax, e.g. <c>localhost:6379</c>): the shared cache is
    /// then a <c>RedisCache</c> on that server, with a fresh key prefix for every replay so replays never see each
    /// other's entries. Ignored when <see cref="SharedCacheFactory"/> is set. Default null: in memory.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Replace each replica's Data Protection key repository with one repository all replicas share
    /// (what <c>PersistKeysToStackExchangeRedis</c>, <c>…ToAzureBlobStorage</c> or a shared key directory give in
    /// production). Leave it off to test the key configuration the app itself makes. Default off.</summary>
    public bool ShareDataProtectionKeys { get; set; }

    /// <summary>Names of assemblies (without extension) that replicas take from the default load context although a
    /// copy sits next to the app: the assemblies defining types of objects your <see cref="ConfigureServices"/> hands
    /// to every replica.</summary>
    public ICollection<string> SharedAssemblies { get; } = new List<string>();

    /// <summary>Runs after the app's own registrations and the fleet's, for every replica start.</summary>
    public Action<IServiceCollection, Replica>? ConfigureServices { get; set; }

    /// <summary>How long one replica may take to start. Default 30 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
