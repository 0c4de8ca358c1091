using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Analyzers.ScaleOut;
using VerifyCS = Stateless.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Stateless.Analyzers.ScaleOut.ScaleOutConfigurationAnalyzer>;

namespace Stateless.Analyzers.Tests.ScaleOut;

/// <summary>Runs <see cref="ScaleOutConfigurationAnalyzer"/> over a library or a top-level-statement program.</summary>
internal static class ScaleOutTest
{
    private static readonly Lazy<MetadataReference> Packages = new(CompilePackages);

    /// <summary>
    /// Extension methods of packages outside the ASP.NET Core shared framework, declared under their real
    /// namespaces and type names (the tests have no package download).
    /// </summary>
    public const string PackageStubs = """
        namespace StackExchange.Redis
        {
            public interface IConnectionMultiplexer { }
        }

        namespace Azure.Core
        {
            public abstract class TokenCredential { }
        }

        namespace Microsoft.Extensions.Caching.StackExchangeRedis
        {
            public class RedisCacheOptions { public string? Configuration { get; set; } }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class StackExchangeRedisCacheServiceCollectionExtensions
            {
                public static IServiceCollection AddStackExchangeRedisCache(this IServiceCollection services, System.Action<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions> setupAction) => services;
            }

            public static class StackExchangeRedisDependencyInjectionExtensions
            {
                public static Microsoft.AspNetCore.SignalR.ISignalRServerBuilder AddStackExchangeRedis(this Microsoft.AspNetCore.SignalR.ISignalRServerBuilder signalrBuilder) => signalrBuilder;
                public static Microsoft.AspNetCore.SignalR.ISignalRServerBuilder AddStackExchangeRedis(this Microsoft.AspNetCore.SignalR.ISignalRServerBuilder signalrBuilder, string redisConnectionString) => signalrBuilder;
            }

            public static class AzureSignalRDependencyInjectionExtensions
            {
                public static Microsoft.AspNetCore.SignalR.ISignalRServerBuilder AddAzureSignalR(this Microsoft.AspNetCore.SignalR.ISignalRServerBuilder builder) => builder;
                public static Microsoft.AspNetCore.SignalR.ISignalRServerBuilder AddAzureSignalR(this Microsoft.AspNetCore.SignalR.ISignalRServerBuilder builder, string connectionString) => builder;
            }

            public static class MessagePackProtocolDependencyInjectionExtensions
            {
                public static TBuilder AddMessagePackProtocol<TBuilder>(this TBuilder builder) where TBuilder : Microsoft.AspNetCore.SignalR.ISignalRBuilder => builder;
            }
        }

        namespace Microsoft.Identity.Web
        {
            public static class DistributedTokenCacheAdapterExtension
            {
                public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddDistributedTokenCaches(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services;
            }
        }

        namespace Company.Keys
        {
            public static class LookAlikes
            {
                // Named like a persistence method but extends object, not IDataProtectionBuilder.
                public static void PersistKeysToVault(this object builder) { }

                // Named like a backplane but extends object, not ISignalRServerBuilder.
                public static void AddStackExchangeRedis(this object builder, int database) { }
            }

            public static class KeyRing
            {
                // A company library that receives the builder: its body is not visible to the analyzer.
                public static void Configure(Microsoft.AspNetCore.DataProtection.IDataProtectionBuilder builder) { }
            }
        }

        namespace Microsoft.AspNetCore.DataProtection
        {
            public static class StackExchangeRedisDataProtectionBuilderExtensions
            {
                public static IDataProtectionBuilder PersistKeysToStackExchangeRedis(this IDataProtectionBuilder builder, StackExchange.Redis.IConnectionMultiplexer connectionMultiplexer, string key) => builder;
            }

            public static class AzureStorageBlobDataProtectionBuilderExtensions
            {
                public static IDataProtectionBuilder PersistKeysToAzureBlobStorage(this IDataProtectionBuilder builder, System.Uri blobUri, Azure.Core.TokenCredential tokenCredential) => builder;
            }

            public static class AzureDataProtectionKeyVaultKeyBuilderExtensions
            {
                public static IDataProtectionBuilder ProtectKeysWithAzureKeyVault(this IDataProtectionBuilder builder, System.Uri keyIdentifier, Azure.Core.TokenCredential tokenCredential) => builder;
            }

            public static class EntityFrameworkCoreDataProtectionExtensions
            {
                public static IDataProtectionBuilder PersistKeysToDbContext<TContext>(this IDataProtectionBuilder builder) where TContext : class => builder;
            }
        }
        """;

    public static Task Library(string source, params DiagnosticResult[] expected) => Run(source, OutputKind.DynamicallyLinkedLibrary, null, null, expected);

    public static Task Library(string source, string? editorConfig, params DiagnosticResult[] expected) => Run(source, OutputKind.DynamicallyLinkedLibrary, editorConfig, null, expected);

    /// <summary>A program with top-level statements (Program.cs of minimal hosting).</summary>
    public static Task Program(string source, params DiagnosticResult[] expected) => Run(source, OutputKind.ConsoleApplication, null, null, expected);

    public static Task Program(string source, string? editorConfig, params DiagnosticResult[] expected) => Run(source, OutputKind.ConsoleApplication, editorConfig, null, expected);

    public static async Task Run(string source, OutputKind kind, string? editorConfig, string? globalConfig, DiagnosticResult[] expected, MetadataReference[]? references = null, string[]? preprocessorSymbols = null, string[]? moreSources = null)
    {
        var test = new VerifyCS.Test(editorConfig) { TestCode = source };
        if (preprocessorSymbols is not null)
        {
            test.SolutionTransforms.Add((solution, projectId) =>
            {
                var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
                return solution.WithProjectParseOptions(projectId, options.WithPreprocessorSymbols(preprocessorSymbols));
            });
        }

        foreach (var (more, index) in (moreSources ?? []).Select((s, i) => (s, i)))
        {
            test.TestState.Sources.Add(($"/0/More{index}.cs", more));
        }

        test.TestState.OutputKind = kind;
        test.TestState.AdditionalReferences.Add(Packages.Value);
        if (globalConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + globalConfig));
        }

        if (references is not null)
        {
            test.TestState.AdditionalReferences.AddRange(references);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>The package stubs as a referenced assembly, as the real packages are.</summary>
    private static MetadataReference CompilePackages() => CompileReference("ScaleOutPackageStubs", PackageStubs);

    /// <summary>Another project or package of the solution, compiled from <paramref name="source"/> and referenced as metadata.</summary>
    public static MetadataReference CompileReference(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            Verifiers.TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(assemblyName + " does not compile: " + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    public static DiagnosticResult Stl1101(int location) =>
        VerifyCS.Diagnostic("STL1101").WithLocation(location).WithArguments("AddDistributedMemoryCache()");

    public static DiagnosticResult Stl1102(int location) =>
        VerifyCS.Diagnostic("STL1102").WithLocation(location).WithArguments("AddDataProtection()");

    public static DiagnosticResult Stl1103(int location, string backplanes = "AddStackExchangeRedis, AddAzureSignalR") =>
        new DiagnosticResult("STL1103", DiagnosticSeverity.Info).WithLocation(location).WithArguments("AddSignalR()", backplanes);
}
