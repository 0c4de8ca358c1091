using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;

namespace Stateless.Packaging.Tests;

/// <summary>The nupkg holds exactly the two analyzer DLLs and installs into a project outside the repository.</summary>
public sealed class PackageTests : IClassFixture<PackedPackage>
{
    private readonly PackedPackage _package;

    public PackageTests(PackedPackage package) => _package = package;

    [Fact]
    public void Package_holds_exactly_the_two_analyzer_assemblies_and_nothing_under_lib()
    {
        using var archive = ZipFile.OpenRead(_package.Path);
        var assemblies = archive.Entries
            .Select(e => e.FullName.Replace('\\', '/'))
            .Where(n => n.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(new[] { "analyzers/dotnet/cs/Stateless.Analyzers.dll", "analyzers/dotnet/cs/Stateless.CodeFixes.dll" }, assemblies);
        Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("lib/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(archive.Entries, e => e.FullName.StartsWith("ref/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Package_is_a_development_dependency_without_dependencies()
    {
        using var archive = ZipFile.OpenRead(_package.Path);
        var nuspec = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        using var stream = nuspec.Open();
        var document = XDocument.Load(stream);
        var metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("Stateless.Analyzers", metadata.Elements().Single(e => e.Name.LocalName == "id").Value);
        Assert.Equal("true", metadata.Elements().Single(e => e.Name.LocalName == "developmentDependency").Value);
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies" && e.HasElements);
        Assert.Contains(archive.Entries, e => e.FullName == "README.md");
    }

    [Fact]
    public void Package_ships_the_severity_preset()
    {
        using var archive = ZipFile.OpenRead(_package.Path);
        var build = archive.Entries.Select(e => e.FullName).Where(n => n.StartsWith("build/", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "build/Stateless.Analyzers.props", "build/Stateless.Analyzers.targets", "build/Stateless.Strict.globalconfig" }, build);
    }

    [Fact]
    public void A_web_project_outside_the_repository_consuming_the_package_shows_STL1001()
    {
        var (exitCode, output) = BuildConsumer(strict: false);

        Assert.True(exitCode == 0, $"consumer build failed:\n{output}");
        Assert.Contains("warning STL1001", output, StringComparison.Ordinal);
        Assert.Contains("VisitsController.VisitsByUser", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_strict_preset_turns_every_STL_rule_into_an_error()
    {
        var (exitCode, output) = BuildConsumer(strict: true);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error STL1001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning STL1001", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_project_outside_the_repository_gets_no_STL_diagnostic_until_it_opts_in()
    {
        var consumer = DotNet.CreateTempDirectory("stateless-test-consumer");
        try
        {
            WriteTestProjectConsumer(consumer);
            var timeout = TimeSpan.FromMinutes(5);
            var (restoreExit, restoreOutput) = DotNet.Run(consumer, timeout, "restore");
            Assert.True(restoreExit == 0, $"consumer restore failed:\n{restoreOutput}");

            // The web consumer's findings (a static dictionary in a controller, a hard-coded signing key): none in a test project.
            var (exitCode, output) = DotNet.Run(consumer, timeout, "build", "--no-restore", "-nologo", "-v:minimal");
            Assert.True(exitCode == 0, $"consumer build failed:\n{output}");
            Assert.DoesNotMatch(@"(warning|error) STL\d{4}", output);

            File.WriteAllText(Path.Combine(consumer, ".editorconfig"), "root = true\n\n[*.cs]\nstateless_analyze_test_code = true\n");
            (exitCode, output) = DotNet.Run(consumer, timeout, "build", "--no-restore", "--no-incremental", "-nologo", "-v:minimal");
            Assert.True(exitCode == 0, $"consumer build failed:\n{output}");
            Assert.Contains("warning STL1001", output, StringComparison.Ordinal);
            Assert.Contains("VisitsController.VisitsByUser", output, StringComparison.Ordinal);
            Assert.Contains("warning STL3005", output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(consumer, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// An xunit project hosting a controller, with the repository's own test package versions. Its packages come from
    /// the package feed and from the NuGet folder this repository restored into (no download); the packages folder of
    /// the consumer is its own, so the freshly packed Stateless.Analyzers is the one installed.
    /// </summary>
    private void WriteTestProjectConsumer(string consumer)
    {
        WriteNuGetConfig(consumer, DotNet.NuGetPackageRoot);
        File.WriteAllText(Path.Combine(consumer, "Consumer.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                <RestorePackagesPath>{Path.Combine(consumer, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{DotNet.PackageVersion("Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="xunit" Version="{DotNet.PackageVersion("xunit")}" />
                <PackageReference Include="xunit.runner.visualstudio" Version="{DotNet.PackageVersion("xunit.runner.visualstudio")}" PrivateAssets="all" />
                <PackageReference Include="Microsoft.IdentityModel.Tokens" Version="{DotNet.PackageVersion("Microsoft.IdentityModel.Tokens")}" />
                <PackageReference Include="Stateless.Analyzers" Version="{_package.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "VisitsTests.cs"), """
            using System.Text;
            using Microsoft.IdentityModel.Tokens;
            using Xunit;

            [Microsoft.AspNetCore.Mvc.ApiController]
            public class VisitsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                private static readonly Dictionary<string, int> VisitsByUser = new();

                [Microsoft.AspNetCore.Mvc.HttpGet("{userId}")]
                public int Visit(string userId) => VisitsByUser[userId] = VisitsByUser.TryGetValue(userId, out var n) ? n + 1 : 1;
            }

            public class VisitsTests
            {
                private static readonly SecurityKey SigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("test-signing-key-0123456789-0123456789"));

                [Fact]
                public void Counts_visits() => Assert.Equal(1, new VisitsController().Visit(SigningKey.KeyId ?? "user-1"));
            }
            """);
    }

    /// <summary>A nuget.config that restores only from the freshly packed package's feed and the given folders.</summary>
    private void WriteNuGetConfig(string consumer, params string[] folders) =>
        DotNet.WriteNuGetConfig(consumer, folders.Prepend(_package.Feed).ToArray());

    private (int ExitCode, string Output) BuildConsumer(bool strict)
    {
        var consumer = DotNet.CreateTempDirectory("stateless-consumer");
        try
        {
            _package.WriteWebConsumer(consumer, strict);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
                var app = WebApplication.CreateBuilder(args).Build();
                app.Run();

                """ + PackedPackage.VisitsController);

            return DotNet.Run(consumer, TimeSpan.FromMinutes(5), "build", "-nologo", "-v:minimal");
        }
        finally
        {
            try
            {
                Directory.Delete(consumer, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
