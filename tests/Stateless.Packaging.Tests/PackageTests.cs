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

    private (int ExitCode, string Output) BuildConsumer(bool strict)
    {
        var consumer = DotNet.CreateTempDirectory("stateless-consumer");
        try
        {
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{_package.Feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <RestorePackagesPath>{Path.Combine(consumer, "packages")}</RestorePackagesPath>
                    {(strict ? "<StatelessAnalyzersMode>Strict</StatelessAnalyzersMode>" : string.Empty)}
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Stateless.Analyzers" Version="{_package.Version}" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
                var app = WebApplication.CreateBuilder(args).Build();
                app.Run();

                [Microsoft.AspNetCore.Mvc.ApiController]
                public class VisitsController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    private static readonly Dictionary<string, int> VisitsByUser = new();
                }
                """);

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
