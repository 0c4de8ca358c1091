using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Stateless.Tools.Shared;

namespace Stateless.Scan;

/// <summary>
/// Empty assemblies named like the packages a project references. A build passes each package's assembly to the
/// compiler, and the analyzers read those names (a test framework makes test code, the SignalR client or Avalonia makes
/// a client, MediatR makes a server); the scanner has no package contents, so it hands over the names alone.
/// </summary>
internal static class PackageStandIns
{
    /// <summary>Packages whose main assembly is named differently from the package.</summary>
    private static readonly Dictionary<string, string[]> AssemblyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["xunit"] = new[] { "xunit.core", "xunit.assert" },
        ["xunit.v3"] = new[] { "xunit.v3.core", "xunit.v3.assert" },
        ["NUnit"] = new[] { "nunit.framework" },
        ["MSTest"] = new[] { "Microsoft.VisualStudio.TestPlatform.TestFramework" },
        ["MSTest.TestFramework"] = new[] { "Microsoft.VisualStudio.TestPlatform.TestFramework" },
        ["Microsoft.AspNetCore.SignalR.Client"] = new[] { "Microsoft.AspNetCore.SignalR.Client", "Microsoft.AspNetCore.SignalR.Client.Core", "Microsoft.AspNetCore.Http.Connections.Client" },
        ["Avalonia"] = new[] { "Avalonia", "Avalonia.Base", "Avalonia.Controls" },
    };

    private static readonly ConcurrentDictionary<string, MetadataReference> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Stand-ins for <paramref name="packages"/>, skipping names the offline reference set already carries.</summary>
    public static IEnumerable<MetadataReference> For(IEnumerable<string> packages, ISet<string> provided)
    {
        var names = packages
            .SelectMany(p => AssemblyNames.TryGetValue(p, out var mapped) ? mapped : new[] { p })
            .Where(n => !provided.Contains(n))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            yield return Cache.GetOrAdd(name, Create);
        }
    }

    private static MetadataReference Create(string name)
    {
        using var image = new MemoryStream();
        var result = CSharpCompilation.Create(name, references: OfflineReferences.Core, options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .Emit(image);
        return result.Success
            ? MetadataReference.CreateFromImage(image.ToArray(), filePath: name + ".dll")
            : throw new InvalidOperationException("could not emit a stand-in assembly named " + name);
    }
}
