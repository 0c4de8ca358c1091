namespace Stateless.Analyzers.Infrastructure;

internal static partial class MetadataNames
{
    /// <summary>
    /// Types that only exist while an application is being configured: a method taking one of them (an extension
    /// method of <c>IServiceCollection</c>, <c>Startup.Configure(IApplicationBuilder)</c>, <c>MapEndpoints(this
    /// IEndpointRouteBuilder)</c>) is startup code.
    /// </summary>
    public static readonly string[] StartupBuilderTypes =
    {
        ServiceCollectionInterface,
        IApplicationBuilder,
        "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder",
        "Microsoft.AspNetCore.Builder.WebApplication",
        "Microsoft.AspNetCore.Builder.WebApplicationBuilder",
        "Microsoft.AspNetCore.Hosting.IWebHostBuilder",
        "Microsoft.Extensions.Hosting.IHostBuilder",
        "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
        "Microsoft.Extensions.Hosting.HostApplicationBuilder",
        "Microsoft.Extensions.Hosting.IHost",
        "Microsoft.AspNetCore.Builder.IEndpointConventionBuilder",
        "Microsoft.Extensions.DependencyInjection.IMvcBuilder",
        "Microsoft.Extensions.DependencyInjection.IMvcCoreBuilder",
        "Microsoft.AspNetCore.SignalR.ISignalRServerBuilder",
    };

    public const string StartupFilter = "Microsoft.AspNetCore.Hosting.IStartupFilter";
    public const string HostedService = "Microsoft.Extensions.Hosting.IHostedService";
    public const string HostedLifecycleService = "Microsoft.Extensions.Hosting.IHostedLifecycleService";
    public const string ModuleInitializerAttribute = "System.Runtime.CompilerServices.ModuleInitializerAttribute";
}
