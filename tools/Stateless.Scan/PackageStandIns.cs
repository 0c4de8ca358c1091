using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Stateless.Tools.Shared;

namespace Stateless.Scan;

/// <summary>
/// Empty assemblies named like the packages a project references. A build passes each package's assembly to the
/// compiler, and the analyzers read those names (a test framework makes test code, the SignalR client or Avalonia makes
/// a client, MediatR makes a server); the scanner has no package contents, so it hands over the names alone, plus the
/// few types of a package that decide whether a rule looks at code at all (<see cref="Contents"/>).
/// </summary>
internal static class PackageStandIns
{
    /// <summary>Packages whose main assembly is named differently from the package, or that bring a package the rules read.</summary>
    private static readonly Dictionary<string, string[]> AssemblyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["xunit"] = new[] { "xunit.core", "xunit.assert" },
        ["xunit.v3"] = new[] { "xunit.v3.core", "xunit.v3.assert" },
        ["NUnit"] = new[] { "nunit.framework" },
        ["MSTest"] = new[] { "Microsoft.VisualStudio.TestPlatform.TestFramework" },
        ["MSTest.TestFramework"] = new[] { "Microsoft.VisualStudio.TestPlatform.TestFramework" },
        ["Microsoft.AspNetCore.SignalR.Client"] = new[] { "Microsoft.AspNetCore.SignalR.Client", "Microsoft.AspNetCore.SignalR.Client.Core", "Microsoft.AspNetCore.Http.Connections.Client" },
        ["Avalonia"] = new[] { "Avalonia", "Avalonia.Base", "Avalonia.Controls" },

        // Packages that bring the OpenID Connect handler to a project that does not name it: the ASP.NET Core 2.x
        // metapackages (netcoreapp2.x projects reference only them), IdentityServer4 and Duende IdentityServer (a dependency
        // of their packages and of the packages built on them).
        ["IdentityServer4"] = new[] { "IdentityServer4", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["IdentityServer4.EntityFramework"] = new[] { "IdentityServer4.EntityFramework", "IdentityServer4", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["IdentityServer4.AspNetIdentity"] = new[] { "IdentityServer4.AspNetIdentity", "IdentityServer4", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["Duende.IdentityServer"] = new[] { "Duende.IdentityServer", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["Duende.IdentityServer.EntityFramework"] = new[] { "Duende.IdentityServer.EntityFramework", "Duende.IdentityServer", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["Duende.IdentityServer.AspNetIdentity"] = new[] { "Duende.IdentityServer.AspNetIdentity", "Duende.IdentityServer", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["Microsoft.AspNetCore.App"] = new[] { "Microsoft.AspNetCore.App", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
        ["Microsoft.AspNetCore.All"] = new[] { "Microsoft.AspNetCore.All", "Microsoft.AspNetCore.Authentication.OpenIdConnect" },
    };

    /// <summary>
    /// Declarations a stand-in carries, under their real metadata names: the EF Core design-time interfaces (STL11xx are
    /// silent in design-time factories) and the OpenID Connect options with the <c>AddOpenIdConnect</c> overloads that hand
    /// them to a lambda (STL2001/STL2008 judge their parameters apart).
    /// Members are only those the rules read; anything else of the package still does not bind, as before.
    /// </summary>
    private static readonly Dictionary<string, string> Contents = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.EntityFrameworkCore.Design"] = """
            namespace Microsoft.EntityFrameworkCore.Design
            {
                public interface IDesignTimeDbContextFactory<out TContext> where TContext : class { TContext CreateDbContext(string[] args); }
                public interface IDesignTimeServices { }
            }
            """,
        ["Microsoft.AspNetCore.Authentication.OpenIdConnect"] = """
            namespace Microsoft.AspNetCore.Authentication.OpenIdConnect
            {
                public class OpenIdConnectOptions
                {
                    public string? Authority { get; set; }
                    public string? MetadataAddress { get; set; }
                    public string? ClientId { get; set; }
                    public string? ClientSecret { get; set; }
                    public string ResponseType { get; set; } = "id_token";
                    public object? TokenValidationParameters { get; set; }
                }
            }

            namespace Microsoft.Extensions.DependencyInjection
            {
                // The package's AddOpenIdConnect overloads: without them the configuring lambda does not bind, and the
                // options it sets are invisible to the rules as they would not be in a build. Not generic, as in the
                // package: a generic stand-in stops binding when anything inside the lambda does not resolve.
                public static class OpenIdConnectExtensions
                {
                    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddOpenIdConnect(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder) => builder;
                    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddOpenIdConnect(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, System.Action<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions> configureOptions) => builder;
                    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddOpenIdConnect(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, string authenticationScheme, System.Action<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions> configureOptions) => builder;
                    public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder AddOpenIdConnect(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, string authenticationScheme, string? displayName, System.Action<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions> configureOptions) => builder;
                }
            }
            """,
    };

    /// <summary>
    /// External sign-in providers chained before <c>AddOpenIdConnect</c> (<c>.AddGoogle(…).AddOpenIdConnect(…)</c>): without
    /// their <c>Add…</c> methods the chain stops binding at them, and the OpenID Connect options after them are lost.
    /// </summary>
    private static readonly string[] ExternalProviders = { "Google", "Facebook", "MicrosoftAccount", "Twitter" };

    private static string ProviderContent(string provider) => $$"""
        namespace Microsoft.AspNetCore.Authentication.{{provider}}
        {
            public class {{provider}}Options
            {
                public string? ClientId { get; set; }
                public string? ClientSecret { get; set; }
                public string? SignInScheme { get; set; }
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class {{provider}}Extensions
            {
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder Add{{provider}}(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder) => builder;
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder Add{{provider}}(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, System.Action<Microsoft.AspNetCore.Authentication.{{provider}}.{{provider}}Options> configureOptions) => builder;
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder Add{{provider}}(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, string authenticationScheme, System.Action<Microsoft.AspNetCore.Authentication.{{provider}}.{{provider}}Options> configureOptions) => builder;
                public static Microsoft.AspNetCore.Authentication.AuthenticationBuilder Add{{provider}}(this Microsoft.AspNetCore.Authentication.AuthenticationBuilder builder, string authenticationScheme, string? displayName, System.Action<Microsoft.AspNetCore.Authentication.{{provider}}.{{provider}}Options> configureOptions) => builder;
            }
        }
        """;

    /// <summary>
    /// Shared <c>IDistributedCache</c> packages (package, namespace, options type, extension class, method): a memory
    /// cache registered as their configured alternative is not STL1101's, which the scan can only see when their
    /// <c>Add…Cache</c> call binds, as in a build.
    /// </summary>
    private static readonly (string Package, string Namespace, string Options, string Extensions, string Method)[] SharedCaches =
    {
        ("Microsoft.Extensions.Caching.StackExchangeRedis", "Microsoft.Extensions.Caching.StackExchangeRedis", "RedisCacheOptions", "StackExchangeRedisCacheServiceCollectionExtensions", "AddStackExchangeRedisCache"),
        ("Microsoft.Extensions.Caching.Redis", "Microsoft.Extensions.Caching.Redis", "RedisCacheOptions", "RedisCacheServiceCollectionExtensions", "AddDistributedRedisCache"),
        ("Microsoft.Extensions.Caching.SqlServer", "Microsoft.Extensions.Caching.SqlServer", "SqlServerCacheOptions", "SqlServerCachingServicesExtensions", "AddDistributedSqlServerCache"),
        ("Microsoft.Extensions.Caching.Cosmos", "Microsoft.Extensions.Caching.Cosmos", "CosmosCacheOptions", "CosmosCacheServicesExtensions", "AddCosmosCache"),
    };

    private static string SharedCacheContent((string Package, string Namespace, string Options, string Extensions, string Method) cache) => $$"""
        namespace {{cache.Namespace}}
        {
            public class {{cache.Options}}
            {
                public string? Configuration { get; set; }
                public string? InstanceName { get; set; }
                public string? ConnectionString { get; set; }
            }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class {{cache.Extensions}}
            {
                public static IServiceCollection {{cache.Method}}(this IServiceCollection services, System.Action<{{cache.Namespace}}.{{cache.Options}}> setupAction) => services;
            }
        }
        """;

    private static string? ContentOf(string name)
    {
        if (Contents.TryGetValue(name, out var content))
        {
            return content;
        }

        foreach (var cache in SharedCaches)
        {
            if (string.Equals(cache.Package, name, StringComparison.OrdinalIgnoreCase))
            {
                return SharedCacheContent(cache);
            }
        }

        const string prefix = "Microsoft.AspNetCore.Authentication.";
        var provider = name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? name.Substring(prefix.Length) : null;
        var known = Array.Find(ExternalProviders, p => string.Equals(p, provider, StringComparison.OrdinalIgnoreCase));
        return known is null ? null : ProviderContent(known);
    }

    private static readonly ConcurrentDictionary<string, MetadataReference> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stand-ins for <paramref name="packages"/>, skipping names the offline reference set already carries.</summary>
    public static IEnumerable<MetadataReference> For(IEnumerable<string> packages, ISet<string> provided)
    {
        var names = packages
            .SelectMany(p => AssemblyNames.TryGetValue(p, out var mapped) ? mapped : new[] { p })
            .Where(n => !provided.Contains(n))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            yield return Cache.GetOrAdd(name, Create);
        }
    }

    private static MetadataReference Create(string name)
    {
        using var image = new MemoryStream();
        var sources = ContentOf(name) is { } content ? new[] { CSharpSyntaxTree.ParseText(content) } : Array.Empty<SyntaxTree>();
        // Against the ASP.NET Core references too: the sign-in stand-ins extend its AuthenticationBuilder.
        var result = CSharpCompilation.Create(name, sources, OfflineReferences.Metadata, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .Emit(image);
        return result.Success
            ? MetadataReference.CreateFromImage(image.ToArray(), filePath: name + ".dll")
            : throw new InvalidOperationException("could not emit a stand-in assembly named " + name);
    }
}
