using System.Threading.Tasks;
using static Stateless.Analyzers.Tests.ScaleOut.ScaleOutTest;

namespace Stateless.Analyzers.Tests.ScaleOut;

public class STL1102_DataProtectionKeysNotSharedTests
{
    // ---- Reporting ----

    [Fact]
    public async Task TopLevelProgram_BareCall_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDataProtection()|};
            builder.Services.AddAntiforgery();
            builder.Build().Run();
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task FluentChainWithoutPersistence_Reports()
    {
        await Program("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDataProtection()|}
                .SetApplicationName("shop")
                .SetDefaultKeyLifetime(TimeSpan.FromDays(30))
                .ProtectKeysWithAzureKeyVault(new Uri("https://vault/keys/dp"), null!);
            builder.Build().Run();
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task OptionsOverload_Reports()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services) =>
                    services.{|#0:AddDataProtection(options => options.ApplicationDiscriminator = "shop")|};
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task LocalNeverPersisted_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var dataProtection = builder.Services.{|#0:AddDataProtection()|};
            dataProtection.SetApplicationName("shop");
            dataProtection.UseEphemeralDataProtectionProvider();
            builder.Build().Run();
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task ServiceCollectionExtensionMethod_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class SecurityRegistration
            {
                public static IServiceCollection AddAppSecurity(this IServiceCollection services)
                {
                    services.{|#0:AddDataProtection()|}.SetApplicationName("shop");
                    services.AddAntiforgery();
                    return services;
                }
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task PrivateFieldNeverPersisted_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public class Startup
            {
                private IDataProtectionBuilder? _dataProtection;

                public void ConfigureServices(IServiceCollection services)
                {
                    _dataProtection = services.{|#0:AddDataProtection()|};
                    ConfigureKeys();
                }

                private void ConfigureKeys() => _dataProtection!.SetApplicationName("shop");
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task VisibleHelperThatDoesNotPersist_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    var dataProtection = services.{|#0:AddDataProtection()|};
                    Name(dataProtection);
                }

                private static void Name(IDataProtectionBuilder builder) => builder.SetApplicationName("shop");
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task LocalFunctionThatDoesNotPersist_TopLevel_Reports()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            Configure(builder.Services.{|#0:AddDataProtection()|});
            builder.Build().Run();

            static void Configure(IDataProtectionBuilder dataProtection) => dataProtection.SetApplicationName("shop");
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task PersistOnAnotherBuilder_Reports()
    {
        // The persisting call belongs to the second builder; the first one still has a private key ring.
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection api, IServiceCollection admin)
                {
                    var first = api.{|#0:AddDataProtection()|};
                    var second = admin.AddDataProtection();
                    first.SetApplicationName("api");
                    second.PersistKeysToFileSystem(new DirectoryInfo("/mnt/shared/keys"));
                }
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task ProductionBranch_Reports()
    {
        await Program("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = WebApplication.CreateBuilder(args);
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("keys"));
            }
            else
            {
                builder.Services.{|#0:AddDataProtection()|}.SetApplicationName("shop");
            }

            builder.Build().Run();
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task PersistLookAlikes_Report()
    {
        // PersistKeysTo* names that do not extend IDataProtectionBuilder are not persistence.
        await Library("""
            using Company.Keys;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class OtherExtensions
            {
                public static IServiceCollection PersistKeysToRedis(this IServiceCollection services) => services;
            }

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|#0:AddDataProtection()|}.PersistKeysToVault();
                    services.PersistKeysToRedis().{|#1:AddDataProtection()|};
                }
            }
            """,
            Stl1102(0),
            Stl1102(1));
    }

    [Fact]
    public async Task FluentExtensionInAnotherTypeThatDoesNotPersist_Reports()
    {
        // A fluent helper of this project whose text never names a PersistKeysTo* method is an ordinary step.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddDataProtection()|}.UseShopDefaults();
            builder.Build().Run();

            public static class DataProtectionDefaults
            {
                public static IDataProtectionBuilder UseShopDefaults(this IDataProtectionBuilder builder) =>
                    builder.SetApplicationName("shop");
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task PrivateFactoryWhoseCallersDoNotPersist_Reports()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    Create(services).SetApplicationName("shop");
                    var again = Create(services);
                    again.SetDefaultKeyLifetime(System.TimeSpan.FromDays(14));
                }

                private static IDataProtectionBuilder Create(IServiceCollection services)
                {
                    var builder = services.{|#0:AddDataProtection()|};
                    return builder;
                }
            }
            """,
            Stl1102(0));
    }

    // ---- Silent ----

    [Fact]
    public async Task FluentChainPersistsToRedis_TopLevel_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            IConnectionMultiplexer redis = null!;
            builder.Services.AddDataProtection()
                .SetApplicationName("shop")
                .PersistKeysToStackExchangeRedis(redis, "DataProtection-Keys");
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task PersistKeysToFileSystemOnSharedFolder_IsSilent()
    {
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static IServiceCollection AddAppSecurity(this IServiceCollection services)
                {
                    services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(@"\\fileserver\keys"));
                    return services;
                }
            }
            """);
    }

    [Fact]
    public async Task LocalPersistedLater_IsSilent()
    {
        await Program("""
            using System;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            var dataProtection = builder.Services.AddDataProtection();
            dataProtection.SetApplicationName("shop");
            dataProtection.PersistKeysToAzureBlobStorage(new Uri("https://account.blob.core.windows.net/keys/keys.xml"), null!);
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task LocalAssignedAfterDeclarationThenPersisted_IsSilent()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public class AppDbContext { }

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    IDataProtectionBuilder dataProtection;
                    dataProtection = services.AddDataProtection(o => o.ApplicationDiscriminator = "shop");
                    dataProtection.PersistKeysToDbContext<AppDbContext>();
                }
            }
            """);
    }

    [Fact]
    public async Task FieldPersistedInAnotherMethod_IsSilent()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public class AppDbContext { }

            public class Startup
            {
                private IDataProtectionBuilder? _dataProtection;

                public void ConfigureServices(IServiceCollection services)
                {
                    _dataProtection = services.AddDataProtection();
                    ConfigureKeys();
                }

                private void ConfigureKeys() => _dataProtection?.PersistKeysToDbContext<AppDbContext>();
            }
            """);
    }

    [Fact]
    public async Task VisibleHelperThatPersists_IsSilent()
    {
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    ShareKeys(services.AddDataProtection().SetApplicationName("shop"));
                }

                private static IDataProtectionBuilder ShareKeys(IDataProtectionBuilder builder)
                {
                    var shared = builder;
                    return shared.PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));
                }
            }
            """);
    }

    [Fact]
    public async Task LocalFunctionThatPersists_TopLevel_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            IConnectionMultiplexer redis = null!;
            ShareKeys(builder.Services.AddDataProtection());
            builder.Build().Run();

            void ShareKeys(IDataProtectionBuilder dataProtection) => dataProtection.PersistKeysToStackExchangeRedis(redis, "keys");
            """);
    }

    [Fact]
    public async Task PrivateFactoryWhoseCallerPersists_IsSilent()
    {
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services) =>
                    Create(services).PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));

                private static IDataProtectionBuilder Create(IServiceCollection services) =>
                    services.AddDataProtection().SetApplicationName("shop");
            }
            """);
    }

    [Fact]
    public async Task BuilderReturnedToCallerOutsideTheType_IsSilent()
    {
        // The caller decides where the keys go; that code is not visible from here.
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static IDataProtectionBuilder AddAppDataProtection(this IServiceCollection services) =>
                    services.AddDataProtection().SetApplicationName("shop");
            }
            """);
    }

    [Fact]
    public async Task BuilderPassedToCodeInAnotherTypeThatPersists_IsSilent()
    {
        // The helper lives in another type: its body is not followed, but it names PersistKeysTo*, so no judgement.
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class KeyRing
            {
                public static void Share(IDataProtectionBuilder builder, string folder)
                {
                    var directory = new DirectoryInfo(folder);
                    builder.PersistKeysToFileSystem(directory);
                }
            }

            public static class Registration
            {
                public static void Register(IServiceCollection services) => KeyRing.Share(services.AddDataProtection(), "/mnt/keys");
            }
            """);
    }

    [Fact]
    public async Task FluentExtensionInAnotherTypeThatPersists_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDataProtection().UseSharedKeyRing(null!);
            builder.Build().Run();

            public static class KeyRingExtensions
            {
                public static IDataProtectionBuilder UseSharedKeyRing(this IDataProtectionBuilder builder, IConnectionMultiplexer redis) =>
                    builder.SetApplicationName("shop").PersistKeysToStackExchangeRedis(redis, "keys");
            }
            """);
    }

    [Fact]
    public async Task BuilderPassedToReferencedLibrary_IsSilent()
    {
        // A method of a referenced assembly that takes the builder as an ordinary argument may persist it.
        await Library("""
            using Company.Keys;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services) => KeyRing.Configure(services.AddDataProtection());
            }
            """);
    }

    [Fact]
    public async Task CustomXmlRepository_IsSilent()
    {
        await Library("""
            using System.Collections.Generic;
            using System.Xml.Linq;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.AspNetCore.DataProtection.Repositories;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class SqlXmlRepository : IXmlRepository
            {
                public IReadOnlyCollection<XElement> GetAllElements() => new List<XElement>();
                public void StoreElement(XElement element, string friendlyName) { }
            }

            public static class Registration
            {
                public static void Register(IServiceCollection services) =>
                    services.AddDataProtection().AddKeyManagementOptions(o => o.XmlRepository = new SqlXmlRepository());
            }
            """);
    }

    [Fact]
    public async Task XmlRepositorySetThroughAnOverloadThatDoesNotBind_IsSilent()
    {
        // Squidex configures KeyManagementOptions through a two-argument Configure overload of a hosting package: when
        // that package is missing (an IDE still restoring, a partial checkout) the lambda does not bind, but its type
        // argument and the assigned property's name still say the keys go to a custom repository.
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.AspNetCore.DataProtection.KeyManagement;
            using Microsoft.AspNetCore.DataProtection.Repositories;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|CS1061:ConfigureWithServices<KeyManagementOptions>|}((c, options) =>
                    {
                        options.XmlRepository = c.GetRequiredService<IXmlRepository>();
                    });

                    services.AddDataProtection().SetApplicationName("shop");
                }
            }
            """);
    }

    [Fact]
    public async Task UnboundAssignmentOfAnotherOptionsType_StillReports()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public sealed class CacheOptions { public object? XmlRepository { get; set; } }

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|CS1061:ConfigureWithServices<CacheOptions>|}((c, options) => { options.XmlRepository = null; });
                    services.{|#0:AddDataProtection()|}.SetApplicationName("shop");
                }
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task GuardedByDevelopment_IsSilent()
    {
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using StackExchange.Redis;

            var builder = WebApplication.CreateBuilder(args);
            IConnectionMultiplexer redis = null!;
            var dataProtection = builder.Services.AddDataProtection();
            if (builder.Environment.IsDevelopment())
            {
                builder.Services.AddDataProtection().SetApplicationName("dev");
            }
            else
            {
                dataProtection.PersistKeysToStackExchangeRedis(redis, "keys");
            }

            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task ConditionalPersistence_IsSilent()
    {
        // Persisting on one path is enough for the rule: it looks for a call, not for every path.
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services, string? keyFolder)
                {
                    var dataProtection = services.AddDataProtection();
                    if (keyFolder is not null)
                    {
                        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task LookAlikeAddDataProtection_IsSilent()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            namespace Company.Security
            {
                public static class Extensions
                {
                    public static IServiceCollection AddDataProtection(this IServiceCollection services, bool shared) => services;
                }

                public static class Registration
                {
                    public static void Register(IServiceCollection services) => services.AddDataProtection(shared: true);
                }
            }
            """);
    }
    [Fact]
    public async Task DesignTimeDbContextFactory_IsSilent_ButTheSameCallInTheApp_Reports()
    {
        // bitwarden/server's migration projects: the EF tools build a throwaway service provider in CreateDbContext.
        await Library("""
            using Microsoft.EntityFrameworkCore.Design;
            using Microsoft.Extensions.DependencyInjection;

            namespace Microsoft.EntityFrameworkCore.Design
            {
                public interface IDesignTimeDbContextFactory<out TContext> { TContext CreateDbContext(string[] args); }
            }

            public sealed class ShopContext { }

            public sealed class ShopContextFactory : IDesignTimeDbContextFactory<ShopContext>
            {
                public ShopContext CreateDbContext(string[] args)
                {
                    var services = new ServiceCollection();
                    services.AddDataProtection();
                    services.AddDistributedMemoryCache();
                    return new ShopContext();
                }
            }

            public static class Registration
            {
                public static void Register(IServiceCollection services) => services.{|#0:AddDataProtection()|};
            }
            """,
            Stl1102(0));
    }
}
