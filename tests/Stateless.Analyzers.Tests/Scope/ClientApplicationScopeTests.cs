using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static Stateless.Analyzers.Tests.Scope.ScopeTest;

namespace Stateless.Analyzers.Tests.Scope;

/// <summary>
/// Client applications get no process-state (STL10xx) or scale-out (STL11xx) diagnostic: a console or Windows
/// application without ASP.NET Core that can declare no handler, or a compilation with a desktop UI framework and no
/// ASP.NET Core. Class libraries, web applications and applications that can declare a handler stay in scope; token
/// rules apply everywhere.
/// </summary>
public class ClientApplicationScopeTests
{
    /// <summary>A singleton with a per-user dictionary (STL1003), an in-memory distributed cache a store uses (STL1101), and a
    /// job with a static dictionary written with a user id (STL1002), a handler only when <c>stateless_handler_types</c>
    /// names <c>App.IJob</c> (then STL1001 at the declaration instead).</summary>
    private const string Source = """
        using System.Collections.Generic;
        using Microsoft.Extensions.DependencyInjection;

        public static class Program
        {
            public static void Main()
            {
                var services = new ServiceCollection();
                services.AddSingleton<VisitCounter>();
                services.{|#1:AddDistributedMemoryCache()|};
            }
        }

        // Keeps entries in the distributed cache, so the in-memory one loses them between replicas.
        public sealed class CartStore
        {
            public CartStore(Microsoft.Extensions.Caching.Distributed.IDistributedCache cache) { }
        }

        public sealed class VisitCounter
        {
            private readonly Dictionary<string, int> {|#0:_visits|} = new();

            public void Count(string userId) => _visits[userId] = _visits.TryGetValue(userId, out var n) ? n + 1 : 1;
        }

        namespace App
        {
            public interface IJob { void Run(string userId); }
        }

        public sealed class ImportJob : App.IJob
        {
            private static readonly Dictionary<string, int> {|#2:Seen|} = new();

            public void Run(string userId) => {|#5:Seen[userId] = 1|};
        }

        """;

    /// <summary>A hard-coded signing key (STL3005): reported in client applications too.</summary>
    private const string KeySource = """
        public static class Keys
        {
            public static Microsoft.IdentityModel.Tokens.SecurityKey Create() =>
                {|#3:new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes("my-super-secret-signing-key-0123456789"))|};
        }
        """;

    private const string MediatRStub = """
        namespace MediatR
        {
            public interface IRequest<out TResponse> { }

            public interface IRequestHandler<in TRequest, TResponse> where TRequest : IRequest<TResponse>
            {
                System.Threading.Tasks.Task<TResponse> Handle(TRequest request, System.Threading.CancellationToken cancellationToken);
            }
        }
        """;

    /// <summary>Without a handler type: the singleton, the cache, and the job's write of a static with a user id (STL1002).</summary>
    private static readonly DiagnosticResult[] ProcessStateAndScaleOut = [Warning("STL1003", 0), Warning("STL1101", 1), Warning("STL1002", 5)];

    /// <summary>With <c>App.IJob</c> a handler type: the job's static is reported at its declaration (STL1001).</summary>
    private static readonly DiagnosticResult[] HandlerJob = [Warning("STL1003", 0), Warning("STL1101", 1), Warning("STL1001", 2)];

    private static MetadataReference[] WithoutAspNetCorePlus(params MetadataReference[] more) => [.. WithoutAspNetCore, .. more];

    // ---------------------------------------------------------------- client applications: silent

    [Theory]
    [InlineData(OutputKind.ConsoleApplication)]
    [InlineData(OutputKind.WindowsApplication)]
    public async Task Application_without_AspNetCore_or_handler_framework_is_silent(OutputKind kind)
    {
        await RunAsync(Source, [], kind, WithoutAspNetCore);
    }

    [Theory]
    [InlineData("build_property.UseWPF = true")]
    [InlineData("build_property.UseWindowsForms = true")]
    [InlineData("build_property.UseMaui = true")]
    public async Task Library_of_a_desktop_project_keeps_only_token_rules(string property)
    {
        await RunAsync(Source + KeySource, [Warning("STL3005", 3)], references: WithoutAspNetCore, globalConfig: property + "\n");
    }

    [Theory]
    [InlineData("PresentationFramework")]
    [InlineData("PresentationCore")]
    [InlineData("System.Windows.Forms")]
    [InlineData("Microsoft.Maui.Controls")]
    [InlineData("Avalonia.Base")]
    [InlineData("Microsoft.WinUI")]
    public async Task Library_referencing_a_desktop_framework_keeps_only_token_rules(string assembly)
    {
        var desktop = Stub(assembly, "namespace Desktop { public class Window { } }");
        await RunAsync(Source + KeySource, [Warning("STL3005", 3)], references: WithoutAspNetCorePlus(desktop));
    }

    [Fact]
    public async Task Desktop_client_keeps_STL1000_for_an_exemption_without_reason()
    {
        await RunAsync(Source + """
            public static class Settings
            {
                [Stateless.Runtime.AllowProcessState({|#4:""|})]
                public static readonly Dictionary<string, string> Values = new();
            }
            """,
            [new DiagnosticResult("STL1000", DiagnosticSeverity.Warning).WithLocation(4)],
            references: WithoutAspNetCorePlus(StatelessRuntime),
            globalConfig: "build_property.UseWPF = true\n");
    }

    // ---------------------------------------------------------------- in scope: reported

    [Fact]
    public async Task Class_library_without_AspNetCore_reports()
    {
        await RunAsync(Source, ProcessStateAndScaleOut, references: WithoutAspNetCore);
    }

    [Fact]
    public async Task Console_application_with_AspNetCore_reports()
    {
        await RunAsync(Source, ProcessStateAndScaleOut, OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task Desktop_property_with_AspNetCore_reports()
    {
        await RunAsync(Source + KeySource, [.. ProcessStateAndScaleOut, Warning("STL3005", 3)], globalConfig: "build_property.UseWPF = true\n");
    }

    [Fact]
    public async Task Console_application_with_handler_types_in_editorconfig_reports()
    {
        await RunAsync(Source, HandlerJob, OutputKind.ConsoleApplication, WithoutAspNetCore, editorConfig: "stateless_handler_types = App.IJob\n");
    }

    [Fact]
    public async Task Console_application_with_handler_types_in_global_config_reports()
    {
        await RunAsync(Source, HandlerJob, OutputKind.ConsoleApplication, WithoutAspNetCore, globalConfig: "stateless_handler_types = App.IJob\n");
    }

    [Fact]
    public async Task Console_application_with_a_MediatR_handler_reports()
    {
        await RunAsync(Source + """
            public sealed class Ping : MediatR.IRequest<int> { public string UserId { get; set; } = ""; }

            public sealed class PingHandler : MediatR.IRequestHandler<Ping, int>
            {
                private static readonly Dictionary<string, int> {|#4:Pings|} = new();

                public System.Threading.Tasks.Task<int> Handle(Ping request, System.Threading.CancellationToken cancellationToken)
                {
                    Pings[request.UserId] = 1;
                    return System.Threading.Tasks.Task.FromResult(Pings.Count);
                }
            }
            """,
            [.. ProcessStateAndScaleOut, Warning("STL1001", 4)],
            OutputKind.ConsoleApplication,
            WithoutAspNetCorePlus(Stub("MediatR", MediatRStub)));
    }

    [Theory]
    [InlineData("MassTransit.Abstractions")]
    [InlineData("Grpc.Core.Api")]
    [InlineData("Microsoft.Azure.Functions.Worker.Core")]
    [InlineData("Microsoft.Azure.WebJobs")]
    public async Task Console_application_referencing_a_handler_framework_reports(string assembly)
    {
        await RunAsync(Source, ProcessStateAndScaleOut, OutputKind.ConsoleApplication, WithoutAspNetCorePlus(Stub(assembly, "namespace Framework { public class Marker { } }")));
    }

    [Fact]
    public async Task Console_application_referencing_Stateless_Runtime_reports()
    {
        await RunAsync(Source, ProcessStateAndScaleOut, OutputKind.ConsoleApplication, WithoutAspNetCorePlus(StatelessRuntime));
    }

    [Fact]
    public async Task Opted_in_test_project_is_not_a_client_for_being_an_executable()
    {
        // Microsoft.NET.Test.Sdk generates an entry point, so every test project is an executable.
        await RunAsync(Source, ProcessStateAndScaleOut, OutputKind.ConsoleApplication, WithoutAspNetCorePlus(XunitCore), editorConfig: "stateless_analyze_test_code = true\n");
    }

    [Fact]
    public async Task Opted_in_test_project_of_a_desktop_client_keeps_only_token_rules()
    {
        await RunAsync(Source + KeySource, [Warning("STL3005", 3)], OutputKind.ConsoleApplication, WithoutAspNetCorePlus(XunitCore), globalConfig: "build_property.UseWPF = true\nstateless_analyze_test_code = true\n");
    }

    // ---------------------------------------------------------------- look-alike assembly names

    [Theory]
    [InlineData("Company.MediatR")]
    [InlineData("Microsoft.Azure.WebJobsTools")]
    [InlineData("Grpc.Tools.Helpers")]
    public async Task Console_application_referencing_a_look_alike_of_a_handler_framework_is_silent(string assembly)
    {
        await RunAsync(Source, [], OutputKind.ConsoleApplication, WithoutAspNetCorePlus(Stub(assembly, "namespace LookAlike { public class Marker { } }")));
    }

    [Theory]
    [InlineData("PresentationFrameworkExtras")]
    [InlineData("Company.System.Windows.Forms")]
    [InlineData("WindowsBase")]
    public async Task Library_referencing_a_look_alike_of_a_desktop_framework_reports(string assembly)
    {
        // WindowsBase is in every .NET reference set (a facade); only PresentationFramework marks WPF.
        await RunAsync(Source, ProcessStateAndScaleOut, references: WithoutAspNetCore.Where(r => !IsNamed(r, assembly)).Append(Stub(assembly, "namespace LookAlike { public class Marker { } }")));
    }

    private static bool IsNamed(MetadataReference reference, string name) =>
        reference is PortableExecutableReference { FilePath: { } path } && System.IO.Path.GetFileNameWithoutExtension(path) == name;

    // ---------------------------------------------------------------- ASP.NET Core on the client side

    [Theory]
    [InlineData("Microsoft.AspNetCore.SignalR.Client")]
    [InlineData("Microsoft.AspNetCore.Components.WebView.Wpf")]
    public async Task Library_using_an_AspNetCore_client_without_a_server_keeps_only_token_rules(string assembly)
    {
        var client = Stub(assembly, "namespace Client { public class HubConnection { } }");
        await RunAsync(Source + KeySource, [Warning("STL3005", 3)], references: WithoutAspNetCorePlus(client));
    }

    [Fact]
    public async Task Library_using_an_AspNetCore_client_beside_the_server_framework_reports()
    {
        var client = Stub("Microsoft.AspNetCore.SignalR.Client", "namespace Client { public class HubConnection { } }");
        await RunAsync(Source, ProcessStateAndScaleOut, references: [.. Verifiers.TestReferences.Metadata, client]);
    }

    [Fact]
    public async Task Blazor_WebAssembly_gets_no_diagnostic_at_all()
    {
        // Code that runs in the user's browser: a token parsed there only feeds the UI.
        var wasm = Stub("Microsoft.AspNetCore.Components.WebAssembly", "namespace Wasm { public class Host { } }");
        await RunAsync(Source + KeySource, [], OutputKind.ConsoleApplication, WithoutAspNetCorePlus(wasm));
    }

    [Fact]
    public async Task Worker_referencing_AspNetCore_hosting_but_no_server_keeps_only_token_rules()
    {
        // Microsoft.AspNetCore.Hosting.WindowsServices runs a worker as a Windows service; without Kestrel, routing, MVC,
        // hubs or gRPC the application serves no request.
        var hosting = Stub("Microsoft.AspNetCore.Hosting.WindowsServices", "namespace Hosting { public class Service { } }");
        await RunAsync(Source + KeySource, [Warning("STL3005", 3)], OutputKind.ConsoleApplication, WithoutAspNetCorePlus(hosting));
    }

    [Theory]
    [InlineData("Moq")]
    [InlineData("NSubstitute")]
    [InlineData("Shouldly")]
    [InlineData("FluentAssertions")]
    public async Task Helper_library_of_tests_referencing_a_mocking_or_assertion_library_is_test_code(string assembly)
    {
        var library = Stub(assembly, "namespace Testing { public class Mock { } }");
        await RunAsync(Source + KeySource, [], references: [.. Verifiers.TestReferences.Metadata, library]);
    }
}
