using System;
using System.IO;
using System.Linq;

namespace Stateless.Packaging.Tests;

/// <summary>
/// `dotnet format analyzers` applies the package's fixes across a project, as a CI gate would: verify fails,
/// apply succeeds, the result compiles and the fixed diagnostics are gone.
/// </summary>
public sealed class FormatTests
{
    /// <summary>Every rule whose fix a project-wide `dotnet format` run must apply.</summary>
    private static readonly string[] FixableIds = { "STL1001" };

    [Fact]
    public void Dotnet_format_applies_every_fix_across_a_project_and_the_result_compiles()
    {
        var project = CopyFixture("FormatFixture");
        try
        {
            var timeout = TimeSpan.FromMinutes(5);
            var (restoreExit, restoreOutput) = DotNet.Run(project, timeout, "restore");
            Assert.True(restoreExit == 0, restoreOutput);

            var before = DotNet.Run(project, timeout, "build", "--no-restore", "-nologo", "-v:minimal");
            Assert.True(before.ExitCode == 0, before.Output);
            foreach (var id in FixableIds)
            {
                Assert.Contains("warning " + id, before.Output, StringComparison.Ordinal);
            }

            var formatArguments = new[] { "format", "analyzers", "--no-restore", "--severity", "warn", "--diagnostics" }.Concat(FixableIds).ToArray();
            var verify = DotNet.Run(project, timeout, formatArguments.Append("--verify-no-changes").ToArray());
            Assert.True(verify.ExitCode != 0, $"--verify-no-changes should fail while fixable diagnostics exist:\n{verify.Output}");

            var apply = DotNet.Run(project, timeout, formatArguments);
            Assert.True(apply.ExitCode == 0, apply.Output);

            var after = DotNet.Run(project, timeout, "build", "--no-restore", "--no-incremental", "-nologo", "-v:minimal", "-warnaserror:" + string.Join(';', FixableIds));
            Assert.True(after.ExitCode == 0, $"the fixed project must compile with no fixable diagnostic left:\n{after.Output}");
            foreach (var id in FixableIds)
            {
                Assert.DoesNotContain(id, after.Output, StringComparison.Ordinal);
            }

            var lookups = File.ReadAllText(Path.Combine(project, "Lookups.cs"));
            Assert.Contains("private static readonly FrozenDictionary<string, string> Countries", lookups, StringComparison.Ordinal);
            Assert.Contains(".ToFrozenDictionary(StringComparer.OrdinalIgnoreCase)", lookups, StringComparison.Ordinal);
            Assert.Contains("private static readonly FrozenSet<string> Currencies", lookups, StringComparison.Ordinal);
            Assert.Contains("private static readonly ImmutableArray<int> PageSizes = ImmutableArray.Create(10, 20, 50);", lookups, StringComparison.Ordinal);
            Assert.Contains("private static readonly ImmutableArray<string> Levels", File.ReadAllText(Path.Combine(project, "Hubs.cs")), StringComparison.Ordinal);

            var verifyAgain = DotNet.Run(project, timeout, formatArguments.Append("--verify-no-changes").ToArray());
            Assert.True(verifyAgain.ExitCode == 0, verifyAgain.Output);
        }
        finally
        {
            try
            {
                Directory.Delete(project, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string CopyFixture(string name)
    {
        var source = Path.Combine(DotNet.RepositoryRoot, "tests", "Stateless.Packaging.Tests", "Fixtures", name);
        var target = DotNet.CreateTempDirectory("stateless-format");
        foreach (var file in Directory.GetFiles(source, "*.cs"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        var analyzers = Path.Combine(DotNet.RepositoryRoot, "src", "Stateless.CodeFixes", "bin", DotNet.Configuration, "netstandard2.0");
        File.WriteAllText(Path.Combine(target, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{Path.Combine(analyzers, "Stateless.Analyzers.dll")}" />
                <Analyzer Include="{Path.Combine(analyzers, "Stateless.CodeFixes.dll")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(target, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);
        return target;
    }
}
