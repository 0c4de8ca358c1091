using System.Reflection;

namespace Stateless.Testing;

/// <summary>
/// Refuses, before any replica starts, an entry-point type that names the project starting the fleet rather than the
/// app under test — typically <c>Program</c> resolving to the test or console project's own top-level <c>Program</c>.
/// Running that project's entry point would start the fleet again inside itself (or the test runner, or nothing) and
/// never build the app's host, so the start would only end at <see cref="ReplicaFleetOptions.StartTimeout"/>.
/// </summary>
internal static class EntryPointGuard
{
    /// <summary>Assemblies only a test project or a fleet driver references; an app under test references none of them.</summary>
    private static readonly string[] s_notAnApp =
    [
        "Stateless.Testing",
        "xunit.core",
        "xunit.v3.core",
        "xunit.abstractions",
        "nunit.framework",
        "Microsoft.VisualStudio.TestPlatform.TestFramework",
        "Microsoft.Testing.Platform",
        "TUnit.Core",
    ];

    public static void ThrowIfNotAnApp(Type entryPoint)
    {
        var assembly = entryPoint.Assembly;
        string name = assembly.GetName().Name ?? assembly.FullName ?? "?";
        string? reason = ReferenceOf(assembly) is { } reference
            ? $"it references {reference}, so it is the project that starts the fleet (a test or console project), not the app under test"
            : assembly == Assembly.GetEntryAssembly()
                ? "it is this process's own entry assembly, not the app under test"
                : null;
        if (reason is null)
        {
            return;
        }

        throw new ArgumentException(
            $"ReplicaFleet.StartAsync<{entryPoint.FullName}>() would run the entry point of {name}, but {reason}: its entry point would never build the app's host. "
            + $"'{entryPoint.Name}' here resolves to that project's own type (a top-level Program of its own hides the app's). "
            + "Pass a type of the app instead: a public type it declares, or its Program made public with `public partial class Program;`; "
            + "when the names collide, give the app's ProjectReference an alias (<ProjectReference Include=\"..\\App\\App.csproj\" Aliases=\"App\" />), "
            + "then `extern alias App;` and ReplicaFleet.StartAsync<App::Program>().",
            nameof(entryPoint));
    }

    /// <summary>The first of <see cref="s_notAnApp"/> (in its order: the kit first) that <paramref name="assembly"/> references.</summary>
    private static string? ReferenceOf(Assembly assembly)
    {
        var referenced = assembly.GetReferencedAssemblies().Select(r => r.Name).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return s_notAnApp.FirstOrDefault(referenced.Contains);
    }
}
