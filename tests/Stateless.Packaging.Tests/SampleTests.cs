using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Stateless.Packaging.Tests;

/// <summary>The "before" sample, built through a real analyzer reference, shows exactly the diagnostics it is meant to show.</summary>
/// <remarks>In the "samples" collection: ScanToolTests loads samples/StatefulShop with MSBuild too, never at the same time.</remarks>
[Collection("samples")]
public sealed class SampleTests
{
    private static readonly Regex Warning = new(@"(?<file>[^\s(]+\.cs)\((?<line>\d+),\d+\): (?:warning|error|info) (?<id>STL\d{4})", RegexOptions.CultureInvariant);

    [Fact]
    public void StatefulShop_shows_the_expected_diagnostics()
    {
        var sample = Path.Combine(DotNet.RepositoryRoot, "samples", "StatefulShop");
        var (exitCode, output) = DotNet.Run(
            sample, TimeSpan.FromMinutes(5), "build", "-c", DotNet.Configuration, "-nologo", "-v:minimal",
            "-p:BuildProjectReferences=false", "--no-incremental", "-p:ErrorLog=" + Path.Combine(Path.GetTempPath(), "statefulshop-" + Guid.NewGuid().ToString("N") + ".sarif"));
        Assert.True(exitCode == 0, $"sample build failed:\n{output}");

        var actual = Warning.Matches(output)
            .Select(m => $"{m.Groups["id"].Value} {Path.GetRelativePath(sample, m.Groups["file"].Value).Replace('\\', '/')}:{m.Groups["line"].Value}")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

        var expected = File.ReadAllLines(Path.Combine(sample, "expected-diagnostics.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void StatelessShop_builds_with_no_STL_diagnostic_under_warnings_as_errors_and_the_strict_preset()
    {
        var sample = Path.Combine(DotNet.RepositoryRoot, "samples", "StatelessShop");
        var (exitCode, output) = DotNet.Run(
            sample, TimeSpan.FromMinutes(5), "build", "-c", DotNet.Configuration, "-nologo", "-v:normal",
            "-p:BuildProjectReferences=false", "--no-incremental");

        Assert.True(exitCode == 0, $"StatelessShop must build clean:\n{output}");
        Assert.DoesNotMatch(@"(warning|error|info) STL\d{4}", output);
        Assert.Contains("Stateless.Analyzers.dll", output, StringComparison.Ordinal); // the analyzers did run
    }
}
