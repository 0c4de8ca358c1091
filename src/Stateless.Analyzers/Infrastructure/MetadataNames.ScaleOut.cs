namespace Stateless.Analyzers.Infrastructure;

/// <summary>Hosting, caching, Data Protection and SignalR types of the scale-out configuration rules (STL11xx).</summary>
internal static partial class MetadataNames
{
    // Registrations the rules judge.
    public const string MemoryCacheServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.MemoryCacheServiceCollectionExtensions";
    public const string DataProtectionServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.DataProtectionServiceCollectionExtensions";
    public const string SignalRDependencyInjectionExtensions = "Microsoft.Extensions.DependencyInjection.SignalRDependencyInjectionExtensions";

    /// <summary>
    /// Types the EF Core tools create at design time (<c>dotnet ef migrations</c>): the service collection they build is
    /// thrown away with the tool's process, never a server's.
    /// </summary>
    public static readonly string[] DesignTimeTypes =
    {
        "Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory`1",
        "Microsoft.EntityFrameworkCore.Design.IDesignTimeServices",
    };

    // Registrations of a shared IDistributedCache that replace the in-memory one. (Named with a suffix so they cannot
    // collide with a plain IServiceCollection/IDistributedCache constant another rule family may add.)
    public const string ServiceCollectionInterface = "Microsoft.Extensions.DependencyInjection.IServiceCollection";
    public const string DistributedCacheInterface = "Microsoft.Extensions.Caching.Distributed.IDistributedCache";

    /// <summary>
    /// <c>IServiceCollection</c> extensions of the distributed-cache packages (Redis, SQL Server, Cosmos DB, NCache,
    /// PostgreSQL, MySQL). Each registers its <c>IDistributedCache</c> with <c>Add</c>, which wins over the
    /// <c>TryAdd</c> of <c>AddDistributedMemoryCache</c> in either order.
    /// </summary>
    public static readonly string[] SharedDistributedCacheRegistrations =
    {
        "AddStackExchangeRedisCache",
        "AddDistributedRedisCache",
        "AddDistributedSqlServerCache",
        "AddCosmosCache",
        "AddNCacheDistributedCache",
        "AddDistributedPostgreSqlCache",
        "AddDistributedMySqlCache",
    };

    // What stores entries in the in-memory IDistributedCache (STL1101 reports it only when something does).
    public const string SessionServiceCollectionExtensions = "Microsoft.Extensions.DependencyInjection.SessionServiceCollectionExtensions";
    public const string SessionMiddlewareExtensions = "Microsoft.AspNetCore.Builder.SessionMiddlewareExtensions";
    public const string CachingAbstractionsAssembly = "Microsoft.Extensions.Caching.Abstractions";

    /// <summary>Microsoft.Identity.Web keeps the signed-in users' MSAL token caches in <c>IDistributedCache</c> after this call.</summary>
    public const string DistributedTokenCachesMethod = "AddDistributedTokenCaches";
    public const string IdentityWebNamespace = "Microsoft.Identity.Web";

    // Builders whose fluent chains are followed.
    public const string IDataProtectionBuilder = "Microsoft.AspNetCore.DataProtection.IDataProtectionBuilder";
    public const string ISignalRServerBuilder = "Microsoft.AspNetCore.SignalR.ISignalRServerBuilder";
    public const string KeyManagementOptions = "Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions";

    // Hosting environments and their names.
    public const string IHostEnvironment = "Microsoft.Extensions.Hosting.IHostEnvironment";
    public const string ExtensionsIHostingEnvironment = "Microsoft.Extensions.Hosting.IHostingEnvironment";
    public const string AspNetCoreIHostingEnvironment = "Microsoft.AspNetCore.Hosting.IHostingEnvironment";
    public const string Environments = "Microsoft.Extensions.Hosting.Environments";
    public const string ExtensionsEnvironmentName = "Microsoft.Extensions.Hosting.EnvironmentName";
    public const string AspNetCoreEnvironmentName = "Microsoft.AspNetCore.Hosting.EnvironmentName";
    public const string SystemEnvironment = "System.Environment";
}
