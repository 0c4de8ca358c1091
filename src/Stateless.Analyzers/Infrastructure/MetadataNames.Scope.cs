namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// Assembly names that decide where the rules look (<see cref="AnalysisScope"/>). Matched against the compilation's
/// referenced assembly names exactly (ignoring case, as assembly names are); the only prefixes are the dot-bounded
/// ones named below.
/// </summary>
internal static partial class MetadataNames
{
    /// <summary>
    /// Assemblies only test code references (test frameworks, the test host of Microsoft.NET.Test.Sdk, the ASP.NET Core
    /// integration-test host). A compilation that references one of them is test code: no STL diagnostic unless
    /// <c>stateless_analyze_test_code = true</c>.
    /// </summary>
    public static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core",
        "xunit.v3.core",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "MSTest.TestFramework",
        "TUnit.Core",
        "testhost",
        "Microsoft.AspNetCore.Mvc.Testing",
        "Microsoft.AspNetCore.TestHost",

        // Mocking and assertion libraries: a helper library of the tests references them, a production project does not.
        "Moq",
        "NSubstitute",
        "FakeItEasy",
        "Shouldly",
        "FluentAssertions",
        "AwesomeAssertions",
    };

    /// <summary>
    /// Any assembly whose name starts with this is ASP.NET Core: the compilation can serve HTTP, unless every such
    /// assembly it references is a client or a shared one (below).
    /// </summary>
    public const string AspNetCoreAssemblyPrefix = "Microsoft.AspNetCore.";

    /// <summary>
    /// ASP.NET Core assemblies that only clients use: the SignalR and HTTP-connections clients, Blazor WebAssembly (code
    /// that runs in the browser) and the Blazor WebView of hybrid desktop apps. A compilation that references one and no
    /// server assembly is a client, whatever its output kind.
    /// </summary>
    public static readonly string[] AspNetCoreClientAssemblies =
    {
        "Microsoft.AspNetCore.SignalR.Client",
        "Microsoft.AspNetCore.SignalR.Client.Core",
        "Microsoft.AspNetCore.Http.Connections.Client",
        "Microsoft.AspNetCore.Components.WebAssembly",
        "Microsoft.AspNetCore.Components.WebAssembly.Authentication",
        "Microsoft.AspNetCore.Components.WebView",
        "Microsoft.AspNetCore.Components.WebView.Maui",
        "Microsoft.AspNetCore.Components.WebView.Wpf",
        "Microsoft.AspNetCore.Components.WebView.WindowsForms",
    };

    /// <summary>
    /// The assemblies without which an application serves no request: servers (Kestrel, HTTP.sys, IIS, the test host),
    /// routing, MVC, SignalR hubs, Blazor Server and gRPC services. An executable that references ASP.NET Core hosting
    /// alone (to run as a Windows service, say) but none of these serves nothing.
    /// </summary>
    public static readonly string[] AspNetCoreServingAssemblies =
    {
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Server.Kestrel.Core",
        "Microsoft.AspNetCore.Server.HttpSys",
        "Microsoft.AspNetCore.Server.IIS",
        "Microsoft.AspNetCore.Server.IISIntegration",
        "Microsoft.AspNetCore.TestHost",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc.Core",
        "Microsoft.AspNetCore.SignalR.Core",
        "Microsoft.AspNetCore.Components.Server",
        "Grpc.AspNetCore.Server",
    };

    /// <summary>Blazor WebAssembly: code that runs in the user's browser, where no check is a security boundary.</summary>
    public static readonly string[] BrowserClientAssemblies =
    {
        "Microsoft.AspNetCore.Components.WebAssembly",
        "Microsoft.AspNetCore.Components.WebAssembly.Authentication",
    };

    /// <summary>
    /// ASP.NET Core assemblies that clients and servers share (components, authorization policies, protocols,
    /// abstractions): they say nothing about which side the compilation runs on.
    /// </summary>
    public static readonly string[] AspNetCoreSharedAssemblies =
    {
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Components.Web",
        "Microsoft.AspNetCore.Components.Forms",
        "Microsoft.AspNetCore.Components.Authorization",
        "Microsoft.AspNetCore.Authorization",
        "Microsoft.AspNetCore.Metadata",
        "Microsoft.AspNetCore.SignalR.Common",
        "Microsoft.AspNetCore.SignalR.Protocols.Json",
        "Microsoft.AspNetCore.SignalR.Protocols.MessagePack",
        "Microsoft.AspNetCore.SignalR.Protocols.NewtonsoftJson",
        "Microsoft.AspNetCore.Http.Connections.Common",
        "Microsoft.AspNetCore.Connections.Abstractions",
        "Microsoft.AspNetCore.Http.Features",
        "Microsoft.AspNetCore.WebUtilities",
        "Microsoft.AspNetCore.JsonPatch",
        "Microsoft.AspNetCore.Cryptography.Internal",
        "Microsoft.AspNetCore.Cryptography.KeyDerivation",
        "Microsoft.AspNetCore.Components.WebAssembly.DevServer",
    };

    /// <summary>
    /// Assemblies of the non-HTTP handler frameworks of the handler recognition (MediatR, MassTransit, gRPC, Azure
    /// Functions, and Stateless.Runtime, whose <c>[StatelessHandler]</c> marks handlers). An application that references
    /// one can declare a handler, so it is not a client application.
    /// </summary>
    public static readonly string[] HandlerFrameworkAssemblies =
    {
        "MediatR",
        "MediatR.Contracts",
        "MassTransit",
        "MassTransit.Abstractions",
        "Grpc.Core",
        "Grpc.Core.Api",
        "Stateless.Runtime",
    };

    /// <summary>
    /// Azure Functions ship their attributes in several assemblies: the name itself or the name followed by a dot
    /// (<c>Microsoft.Azure.Functions.Worker.Core</c>, <c>Microsoft.Azure.WebJobs.Extensions</c>, ...).
    /// </summary>
    public static readonly string[] HandlerFrameworkAssemblyFamilies =
    {
        "Microsoft.Azure.Functions.Worker",
        "Microsoft.Azure.WebJobs",
    };

    /// <summary>
    /// Desktop UI frameworks: WPF, WinForms, MAUI, Avalonia, WinUI. A compilation that references one and no ASP.NET Core
    /// is a client. <c>WindowsBase</c> is not in the list: every .NET reference set carries it as a facade, and a WPF
    /// compilation references <c>PresentationFramework</c> beside it.
    /// </summary>
    public static readonly string[] DesktopFrameworkAssemblies =
    {
        "PresentationFramework",
        "PresentationCore",
        "System.Windows.Forms",
        "Microsoft.Maui",
        "Microsoft.Maui.Controls",
        "Avalonia",
        "Avalonia.Base",
        "Avalonia.Controls",
        "Microsoft.WinUI",
    };
}
