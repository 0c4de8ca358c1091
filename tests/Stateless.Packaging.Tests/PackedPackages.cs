using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Stateless.Packaging.Tests;

/// <summary>Packs every shipped package once (no build: the outputs of this project's build) into one folder.</summary>
public sealed class PackedPackages : IDisposable
{
    /// <summary>Package id → the project that packs it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Projects = new Dictionary<string, string>
    {
        ["Stateless.Analyzers"] = "src/Stateless.CodeFixes/Stateless.CodeFixes.csproj",
        ["Stateless.Runtime"] = "src/Stateless.Runtime/Stateless.Runtime.csproj",
        ["Stateless.Runtime.AspNetCore"] = "src/Stateless.Runtime.AspNetCore/Stateless.Runtime.AspNetCore.csproj",
        ["Stateless.Runtime.Redis"] = "src/Stateless.Runtime.Redis/Stateless.Runtime.Redis.csproj",
        ["Stateless.Testing"] = "src/Stateless.Testing/Stateless.Testing.csproj",
        ["Stateless.Scan"] = "tools/Stateless.Scan.Tool/Stateless.Scan.Tool.csproj",
    };

    public PackedPackages()
    {
        Folder = DotNet.CreateTempDirectory("stateless-packages");
        foreach (var project in Projects.Values)
        {
            var (exitCode, output) = DotNet.Run(DotNet.RepositoryRoot, TimeSpan.FromMinutes(5), "pack", Path.Combine(DotNet.RepositoryRoot, project), "-c", DotNet.Configuration, "--no-build", "-o", Folder);
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"dotnet pack {project} exited {exitCode}:\n{output}");
            }
        }
    }

    public string Folder { get; }

    /// <summary>The .nupkg of a package id (exactly one), or of its symbols with ".snupkg" (null when there is none).</summary>
    public string? File(string id, string extension = ".nupkg") =>
        Directory.GetFiles(Folder, id + ".*" + extension)
            .Where(f => Path.GetFileNameWithoutExtension(f)[(id.Length + 1)..] is var version && char.IsDigit(version[0]))
            .SingleOrDefault();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
