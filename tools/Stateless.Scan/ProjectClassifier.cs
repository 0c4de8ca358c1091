namespace Stateless.Scan;

/// <summary>Decides what a project is from its own file: test, client, ASP.NET Core, Microsoft.Extensions, output type.</summary>
internal static class ProjectClassifier
{
    private static readonly string[] TestPackages =
    {
        "xunit", "xunit.core", "xunit.v3", "NUnit", "MSTest.TestFramework", "MSTest", "TUnit", "Microsoft.NET.Test.Sdk",
    };

    /// <summary>The desktop UI properties a client sets; each one set to true is handed to the analyzers as <c>build_property.X</c>.</summary>
    public static readonly string[] ClientProperties = { "UseWPF", "UseWindowsForms", "UseMaui" };

    public static bool IsTest(ProjectFile project) =>
        project.IsTrue("IsTestProject") || project.HasSdk("MSTest.Sdk") || TestPackages.Any(project.References);

    public static bool IsClient(ProjectFile project) =>
        ClientProperties.Any(project.IsTrue) || project.HasSdk("Microsoft.NET.Sdk.WindowsDesktop");

    /// <summary>
    /// ASP.NET Core packages that bring no server: what clients use (the SignalR client, Blazor components and WebAssembly,
    /// shared abstractions) and generic hosting (a worker run as a Windows service). They do not make a project a web
    /// project; they reach the analyzers as stand-in names (see PackageStandIns).
    /// </summary>
    private static readonly string[] NonServingPackagePrefixes =
    {
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.SignalR.Client", "Microsoft.AspNetCore.Http.Connections.Client", "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.WebUtilities", "Microsoft.AspNetCore.SignalR.Protocols",
        "Microsoft.AspNetCore.SignalR.Common", "Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore.JsonPatch",
        "Microsoft.AspNetCore.Cryptography",
    };

    /// <summary>
    /// Uses ASP.NET Core itself: the Web or Razor SDK, the Microsoft.AspNetCore.App framework or a server-side
    /// Microsoft.AspNetCore.* package. A Razor class library (Razor SDK) used by Blazor WebAssembly is still a server
    /// library here, as most are.
    /// </summary>
    public static bool UsesAspNetCore(ProjectFile project) =>
        project.HasSdk("Microsoft.NET.Sdk.Web") || project.HasSdk("Microsoft.NET.Sdk.Razor")
        || project.FrameworkReferences.Contains("Microsoft.AspNetCore.App", StringComparer.OrdinalIgnoreCase)
        || project.PackageReferences.Any(p => p.StartsWith("Microsoft.AspNetCore.", StringComparison.OrdinalIgnoreCase)
            && !NonServingPackagePrefixes.Any(c => p.StartsWith(c, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The packages a build would pass to the compiler, as names: the project's own and the Blazor WebAssembly SDK's.</summary>
    public static IEnumerable<string> Packages(ProjectFile project) =>
        project.HasSdk("Microsoft.NET.Sdk.BlazorWebAssembly")
            ? project.PackageReferences.Append("Microsoft.AspNetCore.Components.WebAssembly")
            : project.PackageReferences;

    /// <summary>Uses Microsoft.Extensions.* (hosting, DI, logging...) itself: the Worker SDK or a Microsoft.Extensions.* package.</summary>
    public static bool UsesExtensions(ProjectFile project) =>
        project.HasSdk("Microsoft.NET.Sdk.Worker")
        || project.PackageReferences.Any(p => p.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase));

    /// <summary><c>Exe</c>, <c>WinExe</c> or <c>Library</c>: the OutputType property, else the SDK's default.</summary>
    public static string OutputType(ProjectFile project)
    {
        var value = project.Properties.TryGetValue("OutputType", out var v) ? v.Trim() : string.Empty;
        if (value.Equals("WinExe", StringComparison.OrdinalIgnoreCase))
        {
            return "WinExe";
        }

        if (value.Equals("Exe", StringComparison.OrdinalIgnoreCase) || value.Equals("AppContainerExe", StringComparison.OrdinalIgnoreCase))
        {
            return "Exe";
        }

        if (value.Length > 0)
        {
            return "Library";
        }

        return project.HasSdk("Microsoft.NET.Sdk.Web") || project.HasSdk("Microsoft.NET.Sdk.Worker") || project.HasSdk("Microsoft.NET.Sdk.BlazorWebAssembly")
            ? "Exe"
            : "Library";
    }

    public static ProjectKind Kind(ProjectFile project, bool usesAspNetCore, string outputType)
    {
        if (IsTest(project))
        {
            return ProjectKind.Test;
        }

        if (IsClient(project) || project.HasSdk("Microsoft.NET.Sdk.BlazorWebAssembly"))
        {
            return ProjectKind.Client;
        }

        if (usesAspNetCore)
        {
            return ProjectKind.Web;
        }

        if (project.HasSdk("Microsoft.NET.Sdk.Worker") || (outputType != "Library" && project.References("Microsoft.Extensions.Hosting")))
        {
            return ProjectKind.Worker;
        }

        return outputType == "Library" ? ProjectKind.Library : ProjectKind.Console;
    }

    /// <summary>The <c>build_property.*</c> analyzer options a build would give this project (only those set to true).</summary>
    public static Dictionary<string, string> BuildProperties(ProjectFile project, ProjectKind kind)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (kind == ProjectKind.Test)
        {
            properties["build_property.IsTestProject"] = "true";
        }

        foreach (var name in ClientProperties.Where(project.IsTrue))
        {
            properties["build_property." + name] = "true";
        }

        return properties;
    }
}
