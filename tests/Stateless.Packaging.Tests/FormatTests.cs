using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Stateless.Packaging.Tests;

/// <summary>
/// The SDK's own `dotnet format analyzers` applies the package's fixes as a CI step would: ONE run applies every fix the
/// code settles, however many meet in one file or one object initializer; the result compiles, equals the reviewed
/// expected files byte for byte, is the same on every run, and leaves only the diagnostics whose fix is a choice.
/// </summary>
public sealed class FormatTests
{
    /// <summary>Every rule with a code fix.</summary>
    private static readonly string[] FixableIds =
    {
        "STL1001", "STL1006", "STL2001", "STL2002", "STL2003", "STL2004", "STL2005", "STL2006", "STL2007",
        "STL3001", "STL3002", "STL3004",
    };

    /// <summary>The file whose diagnostics need a decision the code does not settle (the family of a key of unknown type, two families).</summary>
    private const string AmbiguousFile = "Ambiguous.cs";

    /// <summary>What one run leaves: the choices, each still reported (file, rule).</summary>
    private static readonly string[] AmbiguousLeft =
    {
        "Ambiguous.cs STL2001", // SecurityKey parameter of unknown type
        "Ambiguous.cs STL2001", // an RsaSecurityKey and a SymmetricSecurityKey
        "Ambiguous.cs STL2002", // HS256 and RS256 with keys of both families ('none' is removed)
    };

    private static readonly Regex DiagnosticLine = new(@"(?<file>[A-Za-z]+\.cs)\((?<line>\d+),(?<column>\d+)\): (warning|error) (?<id>STL\d{4})", RegexOptions.Compiled);

    private readonly ITestOutputHelper _output;

    public FormatTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void One_dotnet_format_run_applies_every_settled_fix_the_same_way_every_time()
    {
        var timeout = TimeSpan.FromMinutes(5);
        var copies = Enumerable.Range(0, 3).Select(_ => CopyFixture("FormatFixture")).ToArray();
        try
        {
            foreach (var copy in copies)
            {
                var (restoreExit, restoreOutput) = DotNet.Run(copy, timeout, "restore");
                Assert.True(restoreExit == 0, restoreOutput);
            }

            // Before: every fixable rule reports, several per file and per initializer.
            var before = Diagnostics(copies[0], timeout);
            foreach (var id in FixableIds)
            {
                Assert.Contains(before, d => d.EndsWith(" " + id, StringComparison.Ordinal));
            }

            Assert.True(before.Count(d => d.StartsWith("TokenValidation.cs ", StringComparison.Ordinal)) >= 10, string.Join('\n', before));

            // One run per copy, each in its own process: the order in which dotnet format visits the rules differs
            // between processes (string hashing is randomized), the output must not.
            var format = new[] { "format", "analyzers", "--no-restore", "--severity", "warn", "--diagnostics" }.Concat(FixableIds).ToArray();
            foreach (var copy in copies)
            {
                var watch = Stopwatch.StartNew();
                var apply = DotNet.Run(copy, timeout, format);
                _output.WriteLine($"dotnet format analyzers: {watch.Elapsed.TotalSeconds:F1} s");
                Assert.True(apply.ExitCode == 0, apply.Output);
            }

            var first = Sources(copies[0]);
            foreach (var copy in copies.Skip(1))
            {
                var other = Sources(copy);
                Assert.Equal(first.Keys, other.Keys);
                foreach (var (name, bytes) in first)
                {
                    Assert.True(bytes.SequenceEqual(other[name]), $"{name} differs between two runs on the same input");
                }
            }

            // The reviewed result: fixes applied, comments on their lines, inserted members in the initializer's layout.
            var expectedDirectory = Path.Combine(DotNet.RepositoryRoot, "tests", "Stateless.Packaging.Tests", "Fixtures", "FormatFixtureFixed");
            foreach (var (name, bytes) in first)
            {
                Assert.Equal(File.ReadAllText(Path.Combine(expectedDirectory, name)), System.Text.Encoding.UTF8.GetString(bytes));
            }

            // It compiles (analyzers aside: the choices left are reported, STL2002 as an error).
            var compile = DotNet.Run(copies[0], timeout, "build", "--no-restore", "--no-incremental", "-nologo", "-v:minimal", "-p:RunAnalyzers=false");
            Assert.True(compile.ExitCode == 0, compile.Output);

            // Only the choices are left, still reported.
            var after = Diagnostics(copies[0], timeout);
            _output.WriteLine($"fixable diagnostics before one run: {before.Count}, after: {after.Count}");
            Assert.Equal(AmbiguousLeft, after.OrderBy(d => d, StringComparer.Ordinal));

            // The gate passes on everything the tool can settle; the file of choices keeps failing it until a developer picks one.
            var verify = format.Append("--verify-no-changes").ToArray();
            var settledGate = DotNet.Run(copies[0], timeout, verify.Concat(new[] { "--exclude", AmbiguousFile }).ToArray());
            Assert.True(settledGate.ExitCode == 0, settledGate.Output);
            var fullGate = DotNet.Run(copies[0], timeout, verify);
            Assert.NotEqual(0, fullGate.ExitCode);
            Assert.Equal(AmbiguousLeft, Reported(fullGate.Output).OrderBy(d => d, StringComparer.Ordinal));

            // A second run has nothing left to do: it changes no byte.
            var again = DotNet.Run(copies[0], timeout, format);
            Assert.True(again.ExitCode == 0, again.Output);
            foreach (var (name, bytes) in Sources(copies[0]))
            {
                Assert.True(bytes.SequenceEqual(first[name]), $"a second run changed {name}");
            }
        }
        finally
        {
            foreach (var copy in copies)
            {
                try
                {
                    Directory.Delete(copy, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static string Key(Match match) => match.Groups["file"].Value + "(" + match.Groups["line"].Value + "," + match.Groups["column"].Value + ") " + match.Groups["id"].Value;

    /// <summary>The fixable STL diagnostics a full build reports, as "file rule", one per location.</summary>
    private static List<string> Diagnostics(string project, TimeSpan timeout)
    {
        var build = DotNet.Run(project, timeout, "build", "--no-restore", "--no-incremental", "-nologo", "-v:minimal");
        return Reported(build.Output);
    }

    /// <summary>The fixable STL diagnostics in a tool's output, as "file rule", one per location.</summary>
    private static List<string> Reported(string output)
    {
        return DiagnosticLine.Matches(output)
            .Where(m => FixableIds.Contains(m.Groups["id"].Value))
            .GroupBy(Key)
            .Select(g => g.First().Groups["file"].Value + " " + g.First().Groups["id"].Value)
            .ToList();
    }

    private static SortedDictionary<string, byte[]> Sources(string project) =>
        new(Directory.GetFiles(project, "*.cs").ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes), StringComparer.Ordinal);

    private static string CopyFixture(string name)
    {
        var source = Path.Combine(DotNet.RepositoryRoot, "tests", "Stateless.Packaging.Tests", "Fixtures", name);
        var target = DotNet.CreateTempDirectory("stateless-format");
        foreach (var file in Directory.GetFiles(source, "*.cs"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        // STL1006 (constant tables with a mutable type) is an info rule; a team that enforces it raises it to a warning,
        // which is what `dotnet format --severity warn` acts on.
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
