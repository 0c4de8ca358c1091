using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Stateless.Analyzers.ScaleOut;
using Stateless.Analyzers.Tests.Verifiers;
using static Stateless.Analyzers.Tests.ScaleOut.ScaleOutTest;

namespace Stateless.Analyzers.Tests.ScaleOut;

/// <summary>Shapes shared by the three rules: nesting, partial types, lambdas, recursion, broken code.</summary>
public class ScaleOutEdgeCaseTests
{
    [Fact]
    public async Task NestedTypes_ReportOnceEach()
    {
        await Library("""
            using Microsoft.Extensions.DependencyInjection;

            public class Outer
            {
                public void Register(IServiceCollection services) => services.{|#0:AddSignalR()|};

                private sealed class Inner
                {
                    public void Register(IServiceCollection services) => services.{|#1:AddDataProtection()|};
                }
            }
            """,
            Stl1103(0),
            Stl1102(1));
    }

    [Fact]
    public async Task PartialTypeAcrossFiles_FollowsTheField()
    {
        await Run("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public partial class Startup
            {
                private IDataProtectionBuilder? _keys;
                private ISignalRServerBuilder? _signalR;

                public void ConfigureServices(IServiceCollection services)
                {
                    _keys = services.AddDataProtection();
                    _signalR = services.{|#0:AddSignalR()|};
                    Persist();
                }
            }
            """,
            OutputKind.DynamicallyLinkedLibrary,
            editorConfig: null,
            globalConfig: null,
            expected: [Stl1103(0)],
            moreSources:
            [
                """
                using System.IO;
                using Microsoft.AspNetCore.DataProtection;

                public partial class Startup
                {
                    private void Persist() => _keys!.PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));
                }
                """,
            ]);
    }

    [Fact]
    public async Task LambdaBodies_AreFollowed()
    {
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            public static class Hosting
            {
                public static IHostBuilder Configure(IHostBuilder builder) =>
                    builder.ConfigureServices(services => services.{|#0:AddDataProtection()|})
                           .ConfigureServices(services => services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys")))
                           .ConfigureServices((context, services) =>
                           {
                               var signalR = services.{|#1:AddSignalR()|};
                               signalR.AddJsonProtocol();
                           });
            }
            """,
            Stl1102(0),
            Stl1103(1));
    }

    [Fact]
    public async Task ConditionalAccessAndCoalesce_AreFollowed()
    {
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection? services, IDataProtectionBuilder? existing)
                {
                    services?.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));
                    var builder = existing ?? services!.AddDataProtection();
                    builder?.PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));
                    services?.{|#0:AddDataProtection()|}.SetApplicationName("shop");
                }
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task RecursiveHelpersAndSelfAssignment_Terminate()
    {
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public class Registration
            {
                private IDataProtectionBuilder? _builder;

                public void Register(IServiceCollection services)
                {
                    _builder = services.{|#0:AddDataProtection()|};
                    _builder = _builder;
                    Ping(_builder, 3);
                }

                private static IDataProtectionBuilder Ping(IDataProtectionBuilder builder, int n) => n == 0 ? builder : Pong(builder, n - 1);

                private static IDataProtectionBuilder Pong(IDataProtectionBuilder builder, int n) => Ping(builder, n);
            }
            """,
            Stl1102(0));
    }

    [Fact]
    public async Task PublicMemberHoldingTheBuilder_IsNotJudged()
    {
        // Code outside the type can reach a public property: no judgement.
        await Library("""
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public class Registration
            {
                public IDataProtectionBuilder? DataProtection { get; private set; }

                public void Register(IServiceCollection services) => DataProtection = services.AddDataProtection();
            }
            """);
    }

    [Fact]
    public async Task ServicesPropertyOfTheBuilder_DoesNotCount()
    {
        await Library("""
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|#0:AddSignalR()|}.Services.AddRouting();
                }
            }
            """,
            Stl1103(0));
    }

    [Fact]
    public async Task SecondRegistrationOnTheSameServices_Counts()
    {
        // Key repository and backplane are registered in the services: any builder of the same collection can add them.
        await Program("""
            using System.IO;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDataProtection().SetApplicationName("shop");
            builder.Services.AddSignalR(o => o.EnableDetailedErrors = true);
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));
            builder.Services.AddSignalR().AddStackExchangeRedis("redis:6379");
            builder.Build().Run();
            """);
    }

    [Fact]
    public async Task SecondRegistrationOnOtherServicesOrOnlySometimes_DoesNotCount()
    {
        await Library("""
            using System.IO;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.Extensions.DependencyInjection;

            public static class Registration
            {
                public static void Register(IServiceCollection services, IServiceCollection other, bool shareKeys)
                {
                    services.{|#0:AddDataProtection()|}.SetApplicationName("shop");
                    other.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/mnt/keys"));

                    services.{|#1:AddSignalR()|};
                    if (shareKeys)
                    {
                        services.AddSignalR().AddAzureSignalR();
                    }
                }
            }
            """,
            Stl1102(0),
            Stl1103(1));
    }

    [Fact]
    public async Task PackageMethodsDeclaredInTheSameCompilation_AreRecognised()
    {
        // Test sources often declare the package extensions themselves; goals are recognised by name and receiver
        // wherever they are declared, other fluent steps stay fluent steps.
        await Program("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.DataProtection;
            using Microsoft.AspNetCore.SignalR;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDataProtection().PersistKeysToRedisStub("redis:6379");
            builder.Services.AddSignalR().AddStackExchangeRedis("redis:6379", 0);
            builder.Build().Run();

            public static class Admin
            {
                public static void Register(IServiceCollection services)
                {
                    services.{|#0:AddDataProtection()|}.ProtectKeysWithVaultStub();
                    services.{|#1:AddSignalR()|}.AddMessagePackStub();
                }
            }

            namespace Microsoft.AspNetCore.DataProtection
            {
                public static class StubDataProtectionExtensions
                {
                    public static IDataProtectionBuilder PersistKeysToRedisStub(this IDataProtectionBuilder builder, string connection) => builder;
                    public static IDataProtectionBuilder ProtectKeysWithVaultStub(this IDataProtectionBuilder builder) => builder;
                }
            }

            namespace Microsoft.Extensions.DependencyInjection
            {
                public static class StubSignalRExtensions
                {
                    public static ISignalRServerBuilder AddStackExchangeRedis(this ISignalRServerBuilder builder, string connection, int database) => builder;
                    public static TBuilder AddMessagePackStub<TBuilder>(this TBuilder builder) where TBuilder : ISignalRBuilder => builder;
                }
            }
            """,
            Stl1102(0),
            Stl1103(1));
    }

    public static IEnumerable<object[]> BrokenSources() => new[]
    {
        new object[] { "half-typed data protection", "using Microsoft.Extensions.DependencyInjection; class C { void M(IServiceCollection s) { var b = s.AddDataProtection(). " },
        new object[] { "half-typed signalr", "var builder = WebApplication.CreateBuilder(args); builder.Services.AddSignalR(o => o.; builder.Services.AddSignalR().AddStackExchangeRedis(" },
        new object[] { "half-typed guard", "using Microsoft.Extensions.DependencyInjection; using Microsoft.Extensions.Hosting; class C { void M(IServiceCollection s, IHostEnvironment e) { if (e.IsEnvironment( s.AddDistributedMemoryCache(); switch (e.EnvironmentName) { case : s.AddDistributedMemoryCache(" },
        new object[] { "missing types", "class C { Missing _b; void M(Unknown s) { _b = s.AddDataProtection(); _b.PersistKeysToX(); Helper(_b); } void Helper(Missing m) => m.AddSignalR(); }" },
        new object[] { "unbalanced directives", "#if DEBUG\nusing Microsoft.Extensions.DependencyInjection;\n#else\nclass C { void M(IServiceCollection s) { s.AddDistributedMemoryCache(); } }\n#elif\n#endif\n#endif\nclass D { void M(Microsoft.Extensions.DependencyInjection.IServiceCollection s) => s.AddDistributedMemoryCache(); }" },
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Survives_broken_source(string name, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["DEBUG"]), path: name + ".cs");
        var compilation = CSharpCompilation.Create(
            "Broken",
            [tree],
            TestReferences.Metadata,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);

        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ScaleOutConfigurationAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.All(diagnostics, d => Assert.StartsWith("STL11", d.Id, System.StringComparison.Ordinal));
    }
}
