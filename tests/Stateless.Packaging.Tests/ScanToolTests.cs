using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Stateless.Packaging.Tests;

/// <summary>
/// stateless-scan as a user gets it: installed from its packed nupkg, run on Fixtures/ReadinessSolution (a web project,
/// a class library, a test project) and on samples/StatefulShop; the baseline it writes keeps a Strict consumer of
/// the packed Stateless.Analyzers green until a new finding appears.
/// </summary>
[Collection("samples")]
public sealed class ScanToolTests : IClassFixture<InstalledScanTool>, IClassFixture<PackedPackage>
{
    private static readonly Regex FindingLine = new(@"^(?<path>\S+\.cs):(?<line>\d+):\d+: (?<severity>error|warning|info) (?<id>STL\d{4}): ", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private readonly InstalledScanTool _tool;
    private readonly PackedPackage _analyzers;

    public ScanToolTests(InstalledScanTool tool, PackedPackage analyzers)
    {
        _tool = tool;
        _analyzers = analyzers;
    }

    [Fact]
    public void Each_project_of_the_solution_gets_its_own_result_and_verdict()
    {
        Assert.True(_tool.ScanExitCode == 1, $"exit code {_tool.ScanExitCode}, expected 1 (warnings at the default --fail-on warning):\n{_tool.ScanOutput}");
        Assert.Equal(
            new[] { "src/Shop.Api/Controllers/CartController.cs:9 STL1001", "src/Shop.Api/Program.cs:3 STL1101" },
            Findings(_tool.ScanOutput));
        Assert.Contains("src/Shop.Api/Shop.Api.csproj (web, msbuild): 2 findings", _tool.ScanOutput, StringComparison.Ordinal);
        Assert.Contains("src/Shop.Pricing/Shop.Pricing.csproj (library, msbuild): 0 findings", _tool.ScanOutput, StringComparison.Ordinal);
        Assert.Contains("tests/Shop.Api.Tests/Shop.Api.Tests.csproj (test, msbuild): 0 findings", _tool.ScanOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", _tool.ScanOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_gives_a_verdict_per_project_and_where_each_piece_of_state_belongs()
    {
        var report = File.ReadAllText(_tool.Report);

        Assert.StartsWith("# Replica readiness: Readiness.slnx", report, StringComparison.Ordinal);
        Assert.Contains("| Shop.Api | web | 1 | 1 | 0 | Not ready for N replicas: 1 piece of state in process memory and 1 host setting that pin state to one replica. |", report, StringComparison.Ordinal);
        Assert.Contains("| Shop.Pricing | library | 0 | 0 | 0 | Ready for N replicas: no state in process memory, no pinning host setting, no token finding. |", report, StringComparison.Ordinal);
        Assert.Contains("| Shop.Api.Tests | test | 0 | 0 | 0 | Not assessed: test code", report, StringComparison.Ordinal);

        var state = Section(report, "## Shop.Api", "### State in process memory");
        Assert.Contains("| `src/Shop.Api/Controllers/CartController.cs:9` | [STL1001](", state, StringComparison.Ordinal);
        Assert.Contains("restart, scale-out", state, StringComparison.Ordinal);
        Assert.Contains("`IDistributedCache` on Redis", state, StringComparison.Ordinal);
        var host = Section(report, "## Shop.Api", "### Host settings that pin state");
        Assert.Contains("| `src/Shop.Api/Program.cs:3` | [STL1101](", host, StringComparison.Ordinal);
        Assert.Contains("AddStackExchangeRedisCache", host, StringComparison.Ordinal);
    }

    [Fact]
    public void The_SARIF_log_has_the_structure_of_SARIF_2_1_0()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(_tool.Sarif));
        var root = document.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Equal("https://json.schemastore.org/sarif-2.1.0.json", root.GetProperty("$schema").GetString());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("stateless-scan", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray();
        Assert.Equal(new[] { "STL1001", "STL1101" }, rules);
        Assert.All(driver.GetProperty("rules").EnumerateArray(), r => Assert.StartsWith("https://", r.GetProperty("helpUri").GetString(), StringComparison.Ordinal));

        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        foreach (var result in results)
        {
            var ruleId = result.GetProperty("ruleId").GetString();
            Assert.Equal(ruleId, rules[result.GetProperty("ruleIndex").GetInt32()]);
            Assert.Equal("warning", result.GetProperty("level").GetString());
            Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("message").GetProperty("text").GetString()));
            var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
            Assert.Equal("SRCROOT", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
            Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() > 0);
            Assert.Equal(16, result.GetProperty("partialFingerprints").GetProperty("statelessBaseline/v1").GetString()!.Length);
        }

        var cart = results.Single(r => r.GetProperty("ruleId").GetString() == "STL1001").GetProperty("locations")[0];
        Assert.Equal("src/Shop.Api/Controllers/CartController.cs", cart.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(9, cart.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("Shop.Api.Controllers.CartController.Carts", cart.GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString());
        Assert.StartsWith("file:///", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_codes_are_0_without_findings_at_the_threshold_1_with_them_and_2_on_usage_or_load_errors()
    {
        var library = Path.Combine(_tool.Solution, "src", "Shop.Pricing", "Shop.Pricing.csproj");
        var (clean, cleanOutput) = _tool.Run(library, "--fail-on", "info");
        Assert.True(clean == 0, cleanOutput);

        Assert.Equal(2, _tool.Run(Path.Combine(_tool.Root, "missing.sln")).ExitCode);
        Assert.Equal(2, _tool.Run(library, "--fail-on", "sometimes").ExitCode);
        Assert.Equal(2, _tool.Run(Path.Combine(_tool.Solution, "README.md")).ExitCode);
    }

    [Fact]
    public void On_the_before_sample_it_reports_every_expected_diagnostic()
    {
        var sample = Path.Combine(DotNet.RepositoryRoot, "samples", "StatefulShop");
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = _tool.Run(Path.Combine(sample, "StatefulShop.csproj"), "--fail-on", "error");
        var elapsed = clock.Elapsed;

        Assert.True(exitCode == 0, $"exit code {exitCode} (no finding of the sample is an error):\n{output}");
        var expected = File.ReadAllLines(Path.Combine(sample, "expected-diagnostics.txt"))
            .Where(l => l.StartsWith("STL", StringComparison.Ordinal))
            .Select(l => l.Split(' ') is var parts ? $"{parts[1]} {parts[0]}" : l)
            .Concat(new[] { "Program.cs:13 STL1103", "Program.cs:22 STL2008" })
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, Findings(output).Order(StringComparer.Ordinal));
        Assert.True(elapsed < TimeSpan.FromMinutes(3), $"scan took {elapsed}");
    }

    [Fact]
    public void A_baseline_keeps_a_strict_build_green_through_edits_until_a_new_finding_appears()
    {
        var consumer = Path.Combine(_tool.Root, "baseline-consumer");
        Directory.CreateDirectory(consumer);
        _analyzers.WriteWebConsumer(consumer, strict: true);
        var program = Path.Combine(consumer, "Program.cs");
        File.WriteAllText(program, """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddDistributedMemoryCache();
            builder.Services.AddSession();
            var app = builder.Build();
            app.UseSession();
            app.Run();

            """ + PackedPackage.VisitsController);
        var timeout = TimeSpan.FromMinutes(5);
        var (restoreExit, restoreOutput) = DotNet.Run(consumer, timeout, "restore");
        Assert.True(restoreExit == 0, restoreOutput);
        var (strictExit, strictOutput) = DotNet.Run(consumer, timeout, "build", "--no-restore", "-nologo", "-v:minimal");
        Assert.True(strictExit != 0 && strictOutput.Contains("error STL1001", StringComparison.Ordinal), $"Strict must fail before the baseline:\n{strictOutput}");

        var (scanExit, scanOutput) = _tool.Run(Path.Combine(consumer, "Consumer.csproj"), "--write-baseline", "--fail-on", "none");
        Assert.True(scanExit == 0, scanOutput);
        using (var baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer, "stateless.baseline.json"))))
        {
            var entries = baseline.RootElement.GetProperty("findings").EnumerateArray()
                .Select(e => $"{e.GetProperty("rule").GetString()} {e.GetProperty("file").GetString()} {e.GetProperty("member").GetString()} {e.GetProperty("count").GetInt32()}")
                .ToArray();
            Assert.Equal(new[] { "STL1001 Program.cs VisitsController.VisitsByUser 1", "STL1101 Program.cs <top-level statements> 1" }, entries);
        }

        // The scan itself gates on new findings only once the baseline exists.
        var project = Path.Combine(consumer, "Consumer.csproj");
        var (gateExit, gateOutput) = _tool.Run(project, "--fail-on", "warning");
        Assert.True(gateExit == 0 && gateOutput.Contains("2 findings listed in", StringComparison.Ordinal), gateOutput);

        // Lines move and code elsewhere in the file changes: the baselined findings stay suppressed.
        File.WriteAllText(program, File.ReadAllText(program)
            .Replace("var builder", "// Visits API\nvar started = DateTime.UtcNow;\n\nvar builder", StringComparison.Ordinal)
            .Replace("    [Microsoft.AspNetCore.Mvc.HttpGet(\"{userId}\")]", "    [Microsoft.AspNetCore.Mvc.HttpGet(\"ping\")]\n    public string Ping() => \"pong\";\n\n    [Microsoft.AspNetCore.Mvc.HttpGet(\"{userId}\")]", StringComparison.Ordinal));
        var (greenExit, greenOutput) = DotNet.Run(consumer, timeout, "build", "--no-restore", "-nologo", "-v:minimal");
        Assert.True(greenExit == 0, $"the baselined build must stay green:\n{greenOutput}");
        Assert.DoesNotMatch(@"(warning|error) STL\d{4}", greenOutput);

        // A new finding fails the build, and only the new one is reported.
        File.WriteAllText(program, File.ReadAllText(program).Replace(
            "    public string Ping() => \"pong\";",
            "    public string Ping(string userId) => LastPage[userId] = \"ping\";\n\n    private static readonly Dictionary<string, string> LastPage = new();",
            StringComparison.Ordinal));
        var (redExit, redOutput) = DotNet.Run(consumer, timeout, "build", "--no-restore", "-nologo", "-v:minimal");
        Assert.True(redExit != 0, $"a new finding must fail the Strict build:\n{redOutput}");
        Assert.True(redOutput.Contains("error STL1001", StringComparison.Ordinal) && redOutput.Contains("LastPage", StringComparison.Ordinal), redOutput);
        Assert.DoesNotContain("VisitsByUser", redOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("STL1101", redOutput, StringComparison.Ordinal);
        Assert.Equal(1, _tool.Run(project, "--fail-on", "warning").ExitCode);
    }

    private static string[] Findings(string output) =>
        FindingLine.Matches(output).Select(m => $"{m.Groups["path"].Value}:{m.Groups["line"].Value} {m.Groups["id"].Value}").ToArray();

    private static string Section(string report, string project, string heading)
    {
        var start = report.IndexOf(project, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{project} missing from the report:\n{report}");
        var section = report.IndexOf(heading, start, StringComparison.Ordinal);
        Assert.True(section >= 0, $"{heading} missing under {project}:\n{report}");
        var end = report.IndexOf("\n#", section + heading.Length, StringComparison.Ordinal);
        return end < 0 ? report[section..] : report[section..end];
    }
}
