using System;
using System.IO;
using System.Linq;

namespace Stateless.Packaging.Tests;

/// <summary>Packs Stateless.Analyzers once per test run into a temporary local feed.</summary>
public sealed class PackedPackage : IDisposable
{
    public PackedPackage()
    {
        Feed = DotNet.CreateTempDirectory("stateless-feed");
        var project = System.IO.Path.Combine(DotNet.RepositoryRoot, "src", "Stateless.CodeFixes", "Stateless.CodeFixes.csproj");
        var (exitCode, output) = DotNet.Run(DotNet.RepositoryRoot, TimeSpan.FromMinutes(5), "pack", project, "-c", DotNet.Configuration, "--no-build", "-o", Feed);
        PackOutput = output;
        Path = Directory.GetFiles(Feed, "Stateless.Analyzers.*.nupkg").SingleOrDefault()
            ?? throw new InvalidOperationException($"dotnet pack exited {exitCode} without a Stateless.Analyzers package:\n{output}");
        Version = System.IO.Path.GetFileNameWithoutExtension(Path)["Stateless.Analyzers.".Length..];
    }

    public string Feed { get; }

    public string Path { get; }

    public string Version { get; }

    public string PackOutput { get; }

    /// <summary>A controller keeping per-user visits in a static dictionary (STL1001), for the web consumers' Program.cs.</summary>
    public const string VisitsController = """
            [Microsoft.AspNetCore.Mvc.ApiController]
            public class VisitsController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                private static readonly Dictionary<string, int> VisitsByUser = new();

                [Microsoft.AspNetCore.Mvc.HttpGet("{userId}")]
                public int Visit(string userId) => VisitsByUser[userId] = VisitsByUser.TryGetValue(userId, out var n) ? n + 1 : 1;
            }
            """;

    /// <summary>
    /// A web project in <paramref name="consumer"/> that references this package (with the Strict preset when asked),
    /// restoring only from this package's feed into its own packages folder.
    /// </summary>
    public void WriteWebConsumer(string consumer, bool strict)
    {
        DotNet.WriteNuGetConfig(consumer, Feed);
        File.WriteAllText(System.IO.Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{System.IO.Path.Combine(consumer, "packages")}</RestorePackagesPath>
                {(strict ? "<StatelessAnalyzersMode>Strict</StatelessAnalyzersMode>" : string.Empty)}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Stateless.Analyzers" Version="{Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Feed, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
