namespace Stateless.Scan;

/// <summary>
/// The global usings the SDK generates into obj/ (skipped by the scan) when <c>ImplicitUsings</c> is <c>enable</c>
/// or <c>true</c>, per SDK, plus the project's own <c>&lt;Using&gt;</c> items (generated whatever ImplicitUsings says).
/// </summary>
internal static class ImplicitUsings
{
    private static readonly string[] Plain =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    private static readonly string[] Hosting =
    {
        "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    };

    /// <summary>Microsoft.NET.Sdk.Web's set; also what loose files (no project) get.</summary>
    public static readonly IReadOnlyList<string> Web = Plain
        .Concat(new[] { "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing" })
        .Concat(Hosting)
        .ToArray();

    private static readonly string[] Worker = Plain.Concat(Hosting).ToArray();

    private static readonly string[] BlazorWebAssembly = Plain
        .Concat(new[] { "System.Net.Http.Json", "Microsoft.AspNetCore.Components.WebAssembly.Hosting", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging" })
        .ToArray();

    /// <summary>The source of the generated global usings file of a project ("" when it has none, or with --no-implicit-usings).</summary>
    public static string For(ProjectFile project, bool generate)
    {
        if (!generate)
        {
            return string.Empty;
        }

        var items = new List<UsingItem>();
        if (IsEnabled(project))
        {
            items.AddRange(SdkSet(project).Where(n => !project.RemovedUsings.Contains(n)).Select(n => new UsingItem(n)));
        }

        items.AddRange(project.Usings);
        return Render(items.Distinct());
    }

    public static string Render(IEnumerable<UsingItem> items) =>
        string.Join("\n", items.Select(i => i.ToGlobalUsing()));

    public static bool IsEnabled(ProjectFile project) =>
        project.Properties.TryGetValue("ImplicitUsings", out var value)
        && (value.Trim().Equals("enable", StringComparison.OrdinalIgnoreCase) || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> SdkSet(ProjectFile project)
    {
        IEnumerable<string> set = project.HasSdk("Microsoft.NET.Sdk.Web") ? Web
            : project.HasSdk("Microsoft.NET.Sdk.BlazorWebAssembly") ? BlazorWebAssembly
            : project.HasSdk("Microsoft.NET.Sdk.Worker") ? Worker
            : Plain;
        if (project.IsTrue("UseWindowsForms"))
        {
            set = set.Concat(new[] { "System.Drawing", "System.Windows.Forms" });
        }

        // Test frameworks that add their namespace when implicit usings are on.
        if (project.HasSdk("MSTest.Sdk") || project.References("MSTest") || project.References("MSTest.TestFramework"))
        {
            set = set.Append("Microsoft.VisualStudio.TestTools.UnitTesting");
        }

        if (project.References("xunit.v3"))
        {
            set = set.Append("Xunit");
        }

        if (project.References("NUnit"))
        {
            set = set.Append("NUnit.Framework");
        }

        return set;
    }
}
