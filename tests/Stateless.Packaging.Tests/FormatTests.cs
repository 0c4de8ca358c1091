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
    private const int MaxFormatRuns = 4;

    private static readonly string[] FixableIds =
    {
        "STL1001", "STL1006", "STL2001", "STL2002", "STL2003", "STL2004", "STL2005", "STL2006", "STL2007",
        "STL3001", "STL3002", "STL3004",
    };

    [Fact]
    public void Dotnet_format_applies_every_fix_across_a_project_and_the_result_compiles()
    {
        var project = CopyFixture("FormatFixture");
        try
        {
            var timeout = TimeSpan.FromMinutes(5);
            var (restoreExit, restoreOutput) = DotNet.Run(project, timeout, "restore");
            Assert.True(restoreExit == 0, restoreOutput);

            // STL2002 and STL2003 are errors by default: the "before" build fails, and must report every fixable rule.
            var before = DotNet.Run(project, timeout, "build", "--no-restore", "-nologo", "-v:minimal");
            foreach (var id in FixableIds)
            {
                Assert.Matches(@"(warning|error) " + id + ":", before.Output);
            }

            var formatArguments = new[] { "format", "analyzers", "--no-restore", "--severity", "warn", "--diagnostics" }.Concat(FixableIds).ToArray();
            var verify = DotNet.Run(project, timeout, formatArguments.Append("--verify-no-changes").ToArray());
            Assert.True(verify.ExitCode != 0, $"--verify-no-changes should fail while fixable diagnostics exist:\n{verify.Output}");

            // dotnet format computes the diagnostics once per run: when a rule's fix changes a file, a later rule's
            // fix in the same file is skipped ("didn't return a Fix All action") until the next run. Users run it
            // until --verify-no-changes passes; it must converge in a few runs and never break the build.
            var runs = 0;
            do
            {
                var apply = DotNet.Run(project, timeout, formatArguments);
                Assert.True(apply.ExitCode == 0, apply.Output);
                runs++;
            }
            while (runs < MaxFormatRuns && DotNet.Run(project, timeout, formatArguments.Append("--verify-no-changes").ToArray()).ExitCode != 0);

            var after = DotNet.Run(project, timeout, "build", "--no-restore", "--no-incremental", "-nologo", "-v:minimal", "-warnaserror:" + string.Join(';', FixableIds));
            Assert.True(after.ExitCode == 0, $"the fixed project must compile with no fixable diagnostic left:\n{after.Output}");
            foreach (var id in FixableIds)
            {
                Assert.DoesNotContain(id, after.Output, StringComparison.Ordinal);
            }

            var validation = File.ReadAllText(Path.Combine(project, "TokenValidation.cs"));
            Assert.DoesNotContain("ValidateAudience = false", validation, StringComparison.Ordinal);
            Assert.DoesNotContain("RequireSignedTokens = false", validation, StringComparison.Ordinal);
            Assert.DoesNotContain("\"none\"", validation, StringComparison.Ordinal);
            Assert.Contains("ValidAlgorithms", validation, StringComparison.Ordinal);

            var issuance = File.ReadAllText(Path.Combine(project, "TokenIssuance.cs"));
            Assert.DoesNotContain("AddDays(30)", issuance, StringComparison.Ordinal);
            Assert.Contains("expires:", issuance, StringComparison.Ordinal);
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(issuance, "JwtRegisteredClaimNames.Jti").Count);

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

        // STL1006 (constant tables with a mutable type) is an info rule; a team that enforces it raises it to a warning,
        // which is what `dotnet format --severity warn` and the warnings-as-errors gate below act on.
        File.WriteAllText(Path.Combine(target, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.STL1006.severity = warning\n");

        var analyzers = Path.Combine(DotNet.RepositoryRoot, "src", "Stateless.CodeFixes", "bin", DotNet.Configuration, "netstandard2.0");
        File.WriteAllText(Path.Combine(target, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.AspNetCore.Authentication.JwtBearer" Version="10.0.15" />
                <PackageReference Include="System.IdentityModel.Tokens.Jwt" Version="8.23.0" />
              </ItemGroup>
              <ItemGroup>
                <Analyzer Include="{Path.Combine(analyzers, "Stateless.Analyzers.dll")}" />
                <Analyzer Include="{Path.Combine(analyzers, "Stateless.CodeFixes.dll")}" />
              </ItemGroup>
            </Project>
            """);
        return target;
    }
}
