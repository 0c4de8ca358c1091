using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Stateless.Packaging.Tests;

/// <summary>
/// `scripts/scan` compiles each project of a folder as its own compilation, as a build would: Fixtures/ScanSolution
/// holds a web project, the library it references, a multi-targeting library with conditional references, xunit tests
/// (test projects named by a Directory.Build.props condition), a WPF client, a console tool and a loose file.
/// </summary>
public sealed class ScanTests
{
    private static readonly Regex FindingLine = new(@"^(?<path>[^\s:]+\.cs):(?<line>\d+):(?<column>\d+): (?<severity>error|warning|info|hidden) (?<id>STL\d{4}): ", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    private static string Fixture => Path.Combine(DotNet.RepositoryRoot, "tests", "Stateless.Packaging.Tests", "Fixtures", "ScanSolution");

    [Fact]
    public void Each_project_is_classified_and_compiled_on_its_own()
    {
        var output = Scan();

        Assert.Equal(
            new[]
            {
                "project src/Shop.Core/Shop.Core.csproj kind=library output=Library aspnetcore=no files=1",
                "project src/Shop.Desktop/Shop.Desktop.csproj kind=client output=WinExe aspnetcore=no files=1",
                "project src/Shop.Gateway/Shop.Gateway.csproj kind=web output=Library aspnetcore=yes files=2",
                "project src/Shop.Web/Shop.Web.csproj kind=web output=Exe aspnetcore=yes files=4",
                "project tests/Shop.Web.Tests/Shop.Web.Tests.csproj kind=test output=Library aspnetcore=yes files=2",
                "project tools/Shop.Cli/Shop.Cli.csproj kind=console output=Exe aspnetcore=no files=1",
                "project (loose) kind=loose output=Library aspnetcore=yes files=1",
            },
            ProjectLines(output));
    }

    [Fact]
    public void The_web_projects_static_dictionary_is_reported_at_its_line()
    {
        var output = Scan();

        var web = FindingLine.Matches(output)
            .Where(m => m.Groups["path"].Value.StartsWith("src/Shop.Web/", StringComparison.Ordinal))
            .Select(m => $"{m.Groups["id"].Value} {m.Groups["path"].Value}:{m.Groups["line"].Value}")
            .ToArray();
        Assert.Contains("STL1001 src/Shop.Web/Controllers/CartController.cs:10", web);
    }

    [Fact]
    public void OpenID_Connect_sign_in_binds_to_the_package_stand_in_as_in_a_build()
    {
        // Shop.Web references the OpenID Connect package: its AddOpenIdConnect lambdas must bind, or the code flow's
        // parameters (silent in a build) would be reported, and both sign-ins would count as JWT validation (STL2008).
        // The AddGoogle before them binds to its stand-in too, or the chain would stop there.
        Assert.Equal(new[] { "STL2001 31" }, FindingsIn(Scan(), "src/Shop.Web/Auth/SignIn.cs"));
    }

    [Fact]
    public void OpenID_Connect_brought_by_Duende_IdentityServer_in_a_referenced_project_binds_as_in_a_build()
    {
        // Shop.Gateway gets the OpenID Connect package only through Shop.Core's Duende.IdentityServer: without it the
        // per-tenant options would not bind, and their code-flow parameters would show as STL2001 and STL2008.
        Assert.Empty(FindingsIn(Scan(), "src/Shop.Gateway/TenantSignIn.cs"));
    }

    [Fact]
    public void A_shared_cache_package_binds_so_its_memory_cache_fallback_is_silent_as_in_a_build()
    {
        // Shop.Web references the StackExchange Redis cache package: AddStackExchangeRedisCache must bind, or the memory
        // cache registered as its configured alternative (silent in a build) would be reported.
        Assert.Equal(new[] { "STL1101 25" }, FindingsIn(Scan(), "src/Shop.Web/Caching.cs"));
    }

    [Fact]
    public void Skip_tests_leaves_the_test_project_out()
    {
        var output = Scan("--skip-tests");

        var projects = ProjectLines(output);
        Assert.Equal(6, projects.Length);
        Assert.DoesNotContain(projects, l => l.Contains("kind=test", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"(?m)^tests/Shop\.Web\.Tests/", output);
    }

    /// <summary>The findings of one file, as "ID line".</summary>
    private static string[] FindingsIn(string output, string path) =>
        FindingLine.Matches(output)
            .Where(m => m.Groups["path"].Value == path)
            .Select(m => $"{m.Groups["id"].Value} {m.Groups["line"].Value}")
            .ToArray();

    private static string[] ProjectLines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("project ", StringComparison.Ordinal)).ToArray();

    private static string Scan(params string[] options)
    {
        var scanner = Path.Combine(DotNet.RepositoryRoot, "tools", "Stateless.Scan", "bin", DotNet.Configuration, "net10.0", "Stateless.Scan.dll");
        Assert.True(File.Exists(scanner), $"{scanner} is missing: build tools/Stateless.Scan in {DotNet.Configuration} first");

        var (exitCode, output) = DotNet.Run(DotNet.RepositoryRoot, TimeSpan.FromMinutes(5), new[] { scanner, Fixture }.Concat(options).ToArray());
        Assert.True(exitCode == 0, $"scan failed with exit code {exitCode}:\n{output}");
        return output;
    }
}
