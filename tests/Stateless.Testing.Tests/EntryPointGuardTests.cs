using System.Diagnostics;
using Stateless.Testing;

namespace Stateless.Testing.Tests;

/// <summary>
/// <c>ReplicaFleet.StartAsync&lt;Program&gt;()</c> where <c>Program</c> is the test project's own top-level Program (or
/// any type of the project that starts the fleet) fails at once, saying what happened and what to pass instead, rather
/// than running that project's entry point and timing out.
/// </summary>
public sealed class EntryPointGuardTests
{
    private static async Task<ArgumentException> RefusedAtOnceAsync(Func<Task> start)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ArgumentException>(start);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"refused after {watch.Elapsed}");
        return error;
    }

    [Fact]
    public async Task The_test_projects_own_top_level_Program_is_refused_at_once()
    {
        // `Program` is this project's own top-level Program, which hides TinyStatefulApp's public one (CS0436).
#pragma warning disable CS0436
        var error = await RefusedAtOnceAsync(() => ReplicaFleet.StartAsync<Program>());
#pragma warning restore CS0436

        Assert.Contains("Stateless.Testing.Tests", error.Message, StringComparison.Ordinal);
        Assert.Contains("references Stateless.Testing", error.Message, StringComparison.Ordinal);
        Assert.Contains("public partial class Program;", error.Message, StringComparison.Ordinal);
        Assert.Contains("extern alias App;", error.Message, StringComparison.Ordinal);
        Assert.Contains("StartAsync<App::Program>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_type_of_the_test_project_is_refused_at_once()
    {
        var error = await RefusedAtOnceAsync(() => ReplicaFleet.StartAsync<EntryPointGuardTests>(o => o.Replicas = 1));
        Assert.Contains(typeof(EntryPointGuardTests).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_that_references_neither_the_kit_nor_a_test_framework_passes_the_guard()
    {
        EntryPointGuard.ThrowIfNotAnApp(typeof(TinyStatelessApp.AppMarker));
        EntryPointGuard.ThrowIfNotAnApp(typeof(TinyStatefulApp.AppMarker));
    }
}
