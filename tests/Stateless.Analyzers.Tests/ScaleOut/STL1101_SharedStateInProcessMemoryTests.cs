using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using static Stateless.Analyzers.Tests.ScaleOut.ScaleOutTest;

namespace Stateless.Analyzers.Tests.ScaleOut;

public class STL1101_SharedStateInProcessMemoryTests
{
    // ---- Reporting ----

    [Fact]
    public async Task TopLevelProgram_WebApplicationBuilderServices_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache()|};
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Stl1101(0));
    }

    [Fact]
    public async Task WithOptionsLambda_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache(options => options.SizeLimit = 1024)|};
            builder.Build().Run();
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task InFluentChain_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services
                .AddRouting()
                .{|#0:AddDistributedMemoryCache()|}
                .AddSession();
            builder.Build().Run();
            """,
            Stl1101(0));
    }

    [Fact]
    public async Task ServiceCollectionExtensionMethod_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public static class CachingRegistration
            {
                public static IServiceCollection AddAppCaching(this IServiceCollection services)
                {
                    services.{|#0:AddDistributedMemoryCache()|};
                    return services.AddSession();
                }
            }
            """,
            Stl1101(0));
    }

    [Fact]
    public async Task StaticInvocationForm_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services) =>
                    MemoryCacheServiceCollectionExtensions.{|#0:AddDistributedMemoryCache(services)|};
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task StartupConfigureServices_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.{|#0:AddDistributedMemoryCache()|};
                }
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task ProductionBranchOfDevelopmentCheck_Reports()
    {
        // The memory cache is what production gets: the development branch is the Redis one.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "localhost");
            }
            else
            {
                builder.Services.{|#0:AddDistributedMemoryCache()|};
            }

            builder.Build().Run();
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task GuardedByIsProduction_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services, IHostEnvironment environment)
                {
                    if (environment.IsProduction())
                    {
                        services.{|#0:AddDistributedMemoryCache()|};
                    }
                }
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task GuardedByIsEnvironmentProduction_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services, IHostEnvironment environment)
                {
                    if (environment.IsEnvironment("Production"))
                    {
                        services.{|#0:AddDistributedMemoryCache()|};
                    }
                }
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task FallbackOfAConfiguredSharedCache_IsSilent()
    {
        // bitwarden/server, fullstackhero, phongnguyend/Practical.CleanArchitecture, ONLYOFFICE: the memory cache is the
        // configured alternative to Redis or SQL Server. A deployment of several replicas configures the shared one.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var redis = builder.Configuration.GetConnectionString("redis");
            if (string.IsNullOrEmpty(redis))
            {
                builder.Services.AddDistributedMemoryCache();
            }
            else
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);
            }

            var provider = builder.Configuration["Cache:Provider"];
            if (provider == "InMemory")
            {
                builder.Services.AddDistributedMemoryCache();
            }
            else if (provider == "Redis")
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);
            }

            switch (provider)
            {
                case "Redis":
                    builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);
                    break;
                default:
                    builder.Services.AddDistributedMemoryCache();
                    break;
            }

            _ = redis is null ? builder.Services.AddDistributedMemoryCache() : builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);

            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task ConfigurationSwitchWithoutASharedCacheInAnotherBranch_Reports()
    {
        // A switch whose other branch registers no shared cache, or registers it in a lambda that may never run, does
        // not make the memory cache a fallback.
        await Program("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var redis = builder.Configuration.GetConnectionString("redis");
            if (string.IsNullOrEmpty(redis))
            {
                builder.Services.{|#0:AddDistributedMemoryCache()|};
            }
            else
            {
                builder.Services.AddMemoryCache();
            }

            if (redis is not null)
            {
                builder.Services.{|#1:AddDistributedMemoryCache()|};
            }

            Action later = () => builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);
            if (redis is null)
            {
                builder.Services.{|#2:AddDistributedMemoryCache()|};
            }
            else
            {
                later();
            }

            builder.Build().Run();
            """ + CacheConsumer,
            Stl1101(0), Stl1101(1), Stl1101(2));
    }

    [Fact]
    public async Task NegatedDevelopmentCheck_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public class Startup
            {
                private readonly IWebHostEnvironment _environment;

                public Startup(IWebHostEnvironment environment) => _environment = environment;

                public void ConfigureServices(IServiceCollection services)
                {
                    if (!_environment.IsDevelopment())
                    {
                        services.{|#0:AddDistributedMemoryCache()|};
                    }
                }
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task DevelopmentCheckOrSomethingElse_Reports()
    {
        // "Development or a feature flag" also runs in production when the flag is on.
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services, IHostEnvironment environment, bool lowMemory)
                {
                    if (environment.IsDevelopment() || lowMemory)
                    {
                        services.{|#0:AddDistributedMemoryCache()|};
                    }
                }
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task ConfigureServicesLambdaOnHostBuilder_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class Host
            {
                public static IHostBuilder Configure(IHostBuilder builder) =>
                    builder.ConfigureServices((context, services) => services.{|#0:AddDistributedMemoryCache()|});
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    [Fact]
    public async Task SessionMiddlewareWithoutAddSessionInThisProject_Reports()
    {
        // AddSession sits in a module the host references; UseSession here shows session state is in use.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache()|};
            var app = builder.Build();
            app.UseSession();
            app.Run();
            """,
            Stl1101(0));
    }

    [Fact]
    public async Task IdentityWebDistributedTokenCaches_Reports()
    {
        // Microsoft.Identity.Web keeps each signed-in user's MSAL token cache in IDistributedCache.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Identity.Web;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache()|};
            builder.Services.AddDistributedTokenCaches();
            builder.Build().Run();
            """,
            Stl1101(0));
    }

    [Fact]
    public async Task ConsumerInAReferencedProject_Reports()
    {
        // The clean-architecture layout: the web project registers the cache, the infrastructure project uses it.
        var infrastructure = CompileReference("Shop.Infrastructure", """
            namespace Shop.Infrastructure
            {
                public sealed class ProductCacheRepository
                {
                    public ProductCacheRepository(Microsoft.Extensions.Caching.Distributed.IDistributedCache cache) { }
                }
            }
            """);
        await Run("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache()|};
            builder.Build().Run();
            """,
            OutputKind.ConsoleApplication,
            editorConfig: null,
            globalConfig: null,
            expected: [Stl1101(0)],
            references: [infrastructure]);
    }

    // ---- Silent ----

    [Fact]
    public async Task NothingKeepsEntriesInTheCache_IsSilent()
    {
        // Registered by habit (a sample's API, a client whose token cache is in IMemoryCache): no session, nothing that
        // takes IDistributedCache, here or in a referenced project, so no entry can be missing on another replica.
        var domain = CompileReference("Shop.Domain", """
            namespace Shop.Domain
            {
                public sealed class Product { public string Name { get; set; } = ""; }
            }
            """);
        await Run("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddMemoryCache();
            builder.Services.AddControllers();
            builder.Build().Run();
            """,
            OutputKind.ConsoleApplication,
            editorConfig: null,
            globalConfig: null,
            expected: [],
            references: [domain]);
    }

    [Fact]
    public async Task LookAlikeCacheInterface_IsSilent()
    {
        // A type of the application named IDistributedCache, a method named AddSession on another type, and the real
        // name in a comment and a string are not consumers of the registered cache.
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            namespace Shop.Caching
            {
                public interface IDistributedCache { }

                public sealed class Sessions
                {
                    public Sessions(IDistributedCache cache) { }

                    public void AddSession() { }
                }

                public static class Registration
                {
                    // Microsoft.Extensions.Caching.Distributed.IDistributedCache is registered here.
                    public const string Note = "IDistributedCache";

                    public static void Register(IServiceCollection services, Sessions sessions)
                    {
                        services.AddDistributedMemoryCache();
                        sessions.AddSession();
                    }
                }
            }
            """);
    }


    [Fact]
    public async Task GuardedByIsDevelopment_TopLevel_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddDistributedMemoryCache();
            }
            else
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = builder.Configuration["Redis"]);
            }

            builder.Services.AddSession();
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task ElseBranchOfIsProduction_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static IServiceCollection AddAppCaching(this IServiceCollection services, IHostEnvironment environment)
                {
                    if (environment.IsProduction())
                        services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
                    else
                        services.AddDistributedMemoryCache();
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task GuardedByIsStagingAndIsEnvironment_IsSilent()
    {
        await Library("""
            using Microsoft.AspNetCore.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services, IWebHostEnvironment environment)
                {
                    if (environment.IsStaging())
                    {
                        services.AddDistributedMemoryCache();
                    }

                    if (environment.IsEnvironment("Local") || environment.IsDevelopment())
                    {
                        services.AddDistributedMemoryCache(o => o.SizeLimit = 10);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task ElseOfNegatedDevelopmentAndElseIfChain_AreSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services, IHostEnvironment environment, bool small)
                {
                    if (!environment.IsDevelopment())
                    {
                        services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
                    }
                    else
                    {
                        services.AddDistributedMemoryCache();
                    }

                    if (environment.IsProduction())
                    {
                        services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
                    }
                    else if (small)
                    {
                        services.AddDistributedMemoryCache(o => o.SizeLimit = 1024);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Ternary_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            _ = builder.Environment.IsDevelopment()
                ? builder.Services.AddDistributedMemoryCache()
                : builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task EarlyReturnOutsideDevelopment_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static IServiceCollection AddAppCaching(this IServiceCollection services, IHostEnvironment environment)
                {
                    if (!environment.IsDevelopment())
                    {
                        services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
                        return services;
                    }

                    services.AddDistributedMemoryCache();
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task BoolLocalAndAndCondition_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            var isDevelopment = builder.Environment.IsDevelopment();
            var useSessions = builder.Configuration["Sessions"] == "on";
            if (useSessions && isDevelopment)
            {
                builder.Services.AddDistributedMemoryCache();
            }

            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task EnvironmentNameComparisons_AreSilent()
    {
        await Library("""
            using System;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services, IHostEnvironment environment)
                {
                    if (environment.EnvironmentName == Environments.Development)
                    {
                        services.AddDistributedMemoryCache();
                    }

                    if (environment.EnvironmentName != "Production")
                    {
                        services.AddDistributedMemoryCache();
                    }

                    if (string.Equals(environment.EnvironmentName, "Testing", StringComparison.OrdinalIgnoreCase))
                    {
                        services.AddDistributedMemoryCache();
                    }

                    if (Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is "Development" or "Local")
                    {
                        services.AddDistributedMemoryCache();
                    }

                    switch (environment.EnvironmentName)
                    {
                        case "Development":
                            services.AddDistributedMemoryCache();
                            break;
                        default:
                            services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
                            break;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task HostBuilderContextGuardInLambda_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class Host
            {
                public static IHostBuilder Configure(IHostBuilder builder) =>
                    builder.ConfigureServices((context, services) =>
                    {
                        if (context.HostingEnvironment.IsDevelopment())
                        {
                            services.AddDistributedMemoryCache();
                        }
                    });
            }
            """);
    }

    [Fact]
    public async Task TestProjectByReference_IsSilent()
    {
        // A test project references a test framework; its test hosts run in one process.
        await Run("""
            using Microsoft.Extensions.DependencyInjection;

            public class CartTests
            {
                [Xunit.Fact]
                public void Builds()
                {
                    var services = new ServiceCollection();
                    services.AddDistributedMemoryCache();
                }
            }
            """,
            OutputKind.DynamicallyLinkedLibrary,
            editorConfig: null,
            globalConfig: null,
            expected: [],
            references: [MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location)]);
    }

    [Fact]
    public async Task TestProjectByMSBuildProperty_IsSilent()
    {
        await Run("""
            using Microsoft.Extensions.DependencyInjection;

            public static class TestHost
            {
                public static void Register(IServiceCollection services) => services.AddDistributedMemoryCache();
            }
            """,
            OutputKind.DynamicallyLinkedLibrary,
            editorConfig: null,
            globalConfig: "build_property.IsTestProject = true\n",
            expected: []);
    }

    [Fact]
    public async Task MSBuildPropertyFalse_Reports()
    {
        await Run("""
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services) => services.{|#0:AddDistributedMemoryCache()|};
            }
            """ + CacheConsumer,
            OutputKind.DynamicallyLinkedLibrary,
            editorConfig: null,
            globalConfig: "build_property.IsTestProject = false\n",
            expected: [Stl1101(0)]);
    }

    [Fact]
    public async Task RealCachesAndLookAlikes_AreSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
            builder.Services.AddMemoryCache();
            Company.Caching.CacheExtensions.AddDistributedMemoryCache(builder.Services);
            builder.Build().Run();

            namespace Company.Caching
            {
                public static class CacheExtensions
                {
                    // Same simple name, another type: not the framework's in-memory IDistributedCache.
                    public static IServiceCollection AddDistributedMemoryCache(IServiceCollection services) => services;
                }
            }
            """);
    }

    [Fact]
    public async Task DebugOnlyRegion_IsSilent_ReleaseElseBranch_Reports()
    {
        await Run("""
            using Microsoft.Extensions.DependencyInjection;

            public static class CachingRegistration
            {
                public static void Register(IServiceCollection services)
                {
            #if DEBUG
                    services.AddDistributedMemoryCache();
            #else
                    services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
            #endif
            #if !DEBUG
                    services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
            #else
                    services.AddDistributedMemoryCache();
            #endif
            #if DEBUG || TRACE
                    services.{|#0:AddDistributedMemoryCache()|};
            #endif
                }
            }
            """ + CacheConsumer,
            OutputKind.DynamicallyLinkedLibrary,
            editorConfig: null,
            globalConfig: null,
            expected: [Stl1101(0)],
            preprocessorSymbols: ["DEBUG", "TRACE"]);
    }

    [Fact]
    public async Task SharedCacheRegisteredOnEveryPath_IsSilent()
    {
        // AddDistributedMemoryCache uses TryAdd; the Redis registration uses Add and wins in either order.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379");
            builder.Build().Run();

            public static class Other
            {
                public static void Register(IServiceCollection services)
                {
                    services.AddSingleton<IDistributedCache, SqlCache>();
                    services.AddDistributedMemoryCache().AddSession();
                }
            }
            """ + SqlCache);
    }

    [Fact]
    public async Task SharedCacheRegisteredOnlySometimes_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Caching.Distributed;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDistributedMemoryCache()|};
            var redis = builder.Configuration["Redis"];
            if (redis is not null)
            {
                builder.Services.AddStackExchangeRedisCache(o => o.Configuration = redis);
            }

            builder.Build().Run();

            public static class Other
            {
                public static void Register(IServiceCollection services, bool shared)
                {
                    if (!shared)
                    {
                        return;
                    }

                    services.{|#1:AddDistributedMemoryCache()|};
                    services.TryAddSingleton<IDistributedCache, SqlCache>();
                }

                public static void Later(IServiceCollection services, bool shared)
                {
                    services.{|#2:AddDistributedMemoryCache()|};
                    if (!shared)
                    {
                        return;
                    }

                    services.AddSingleton<IDistributedCache, SqlCache>();
                }
            }
            """ + SqlCache,
            Stl1101(0),
            Stl1101(1),
            Stl1101(2));
    }

    [Fact]
    public async Task NestedTypeAndConditionalAccess_ReportOnce()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public static class Outer
            {
                public static class Inner
                {
                    public static IServiceCollection? Register(IServiceCollection? services) => services?.{|#0:AddDistributedMemoryCache()|};
                }
            }
            """ + CacheConsumer,
            Stl1101(0));
    }

    /// <summary>Something that keeps entries in the cache: what makes an in-memory IDistributedCache lose data between replicas.</summary>
    private const string CacheConsumer = """

        public sealed class CartStore
        {
            private readonly Microsoft.Extensions.Caching.Distributed.IDistributedCache _cache;

            public CartStore(Microsoft.Extensions.Caching.Distributed.IDistributedCache cache) => _cache = cache;
        }
        """;

    private const string SqlCache = """

        public sealed class SqlCache : Microsoft.Extensions.Caching.Distributed.IDistributedCache
        {
            public byte[]? Get(string key) => null;
            public System.Threading.Tasks.Task<byte[]?> GetAsync(string key, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.FromResult<byte[]?>(null);
            public void Refresh(string key) { }
            public System.Threading.Tasks.Task RefreshAsync(string key, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.CompletedTask;
            public void Remove(string key) { }
            public System.Threading.Tasks.Task RemoveAsync(string key, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.CompletedTask;
            public void Set(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options) { }
            public System.Threading.Tasks.Task SetAsync(string key, byte[] value, Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions options, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.CompletedTask;
        }
        """;
}
