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
