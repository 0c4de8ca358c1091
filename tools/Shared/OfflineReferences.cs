using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Stateless.Tools.Shared;

/// <summary>
/// The references scans and analyzer tests compile against, resolved without any network access (shared source:
/// tools/Stateless.Scan and tests/Stateless.Analyzers.Tests both compile this file):
/// the reference packs of the SDK that runs the tests (Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref,
/// falling back to the shared runtime when a pack is missing), plus Microsoft.IdentityModel.*,
/// System.IdentityModel.Tokens.Jwt, JwtBearer and Stateless.Runtime from the test's own output folder.
/// <see cref="Metadata"/> is all of them; <see cref="Core"/> and <see cref="AspNetCore"/> split them the way a build
/// does for a project with and without ASP.NET Core (<c>Metadata</c> = <c>Core</c> + <c>AspNetCore</c>), and
/// <see cref="Extensions"/> is the Microsoft.Extensions.* part of the ASP.NET Core pack (what the Worker SDK and
/// Microsoft.Extensions.* packages bring to a project without ASP.NET Core). Each file is one shared reference object.
/// </summary>
internal static class OfflineReferences
{
    private static readonly Lazy<Sets> All = new(Load);

    /// <summary>Everything: .NET, ASP.NET Core, Microsoft.IdentityModel, System.IdentityModel.Tokens.Jwt, JwtBearer, Stateless.Runtime.</summary>
    public static ImmutableArray<MetadataReference> Metadata => All.Value.Metadata;

    /// <summary>What every project gets: the .NET reference pack, Microsoft.IdentityModel.*, System.IdentityModel.Tokens.Jwt.</summary>
    public static ImmutableArray<MetadataReference> Core => All.Value.Core;

    /// <summary>What a project using ASP.NET Core adds: the ASP.NET Core reference pack and JwtBearer.</summary>
    public static ImmutableArray<MetadataReference> AspNetCore => All.Value.AspNetCore;

    /// <summary>Stateless.Runtime, for projects that reference it (its [StatelessHandler] attribute can make a console app a server).</summary>
    public static ImmutableArray<MetadataReference> StatelessRuntime => All.Value.StatelessRuntime;

    /// <summary>The Microsoft.Extensions.* assemblies of the ASP.NET Core reference pack (a subset of <see cref="AspNetCore"/>).</summary>
    public static ImmutableArray<MetadataReference> Extensions => All.Value.Extensions;

    private static Sets Load()
    {
        var core = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var aspNetCore = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var runtimeVersion = new DirectoryInfo(runtimeDirectory).Name;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));

        AddFramework(core, dotnetRoot, "Microsoft.NETCore.App", runtimeVersion, runtimeDirectory);
        var aspNetRuntime = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!;
        AddFramework(aspNetCore, dotnetRoot, "Microsoft.AspNetCore.App", new DirectoryInfo(aspNetRuntime).Name, aspNetRuntime);

        foreach (var assembly in new[]
        {
            typeof(Microsoft.IdentityModel.Tokens.TokenValidationParameters).Assembly,
            typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler).Assembly,
            typeof(System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler).Assembly,
            typeof(Microsoft.IdentityModel.Logging.LogHelper).Assembly,
            typeof(Microsoft.IdentityModel.Abstractions.IIdentityLogger).Assembly,
        })
        {
            core[Path.GetFileNameWithoutExtension(assembly.Location)] = assembly.Location;
        }

        var statelessRuntime = typeof(Stateless.Runtime.StatelessHandlerAttribute).Assembly.Location;
        var jwtBearer = typeof(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions).Assembly.Location;
        aspNetCore[Path.GetFileNameWithoutExtension(jwtBearer)] = jwtBearer;

        // One reference per file, shared by every set. A name in both packs resolves to the ASP.NET Core one, as before.
        foreach (var name in aspNetCore.Keys)
        {
            core.Remove(name);
        }

        var references = core.Values.Concat(aspNetCore.Values).Append(statelessRuntime)
            .ToDictionary(p => p, p => (MetadataReference)MetadataReference.CreateFromFile(p), StringComparer.Ordinal);
        ImmutableArray<MetadataReference> Select(IEnumerable<string> paths) =>
            paths.OrderBy(p => p, StringComparer.Ordinal).Select(p => references[p]).ToImmutableArray();

        return new Sets(
            Select(references.Keys),
            Select(core.Values),
            Select(new[] { statelessRuntime }),
            Select(aspNetCore.Values),
            Select(aspNetCore.Where(p => p.Key.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase)).Select(p => p.Value)));
    }

    private sealed record Sets(
        ImmutableArray<MetadataReference> Metadata,
        ImmutableArray<MetadataReference> Core,
        ImmutableArray<MetadataReference> StatelessRuntime,
        ImmutableArray<MetadataReference> AspNetCore,
        ImmutableArray<MetadataReference> Extensions);

    private static void AddFramework(Dictionary<string, string> paths, string dotnetRoot, string framework, string version, string runtimeFallback)
    {
        var packRoot = Path.Combine(dotnetRoot, "packs", framework + ".Ref", version, "ref");
        var refDirectory = Directory.Exists(packRoot)
            ? Directory.GetDirectories(packRoot).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;

        if (refDirectory is null)
        {
            // No reference pack for the running version: use the first pack of the same major version, else the runtime itself.
            var packs = Path.Combine(dotnetRoot, "packs", framework + ".Ref");
            var major = version.Split('.')[0] + ".";
            var candidate = Directory.Exists(packs)
                ? Directory.GetDirectories(packs).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal)).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
                : null;
            refDirectory = candidate is null ? null : Directory.GetDirectories(Path.Combine(candidate, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault();
        }

        var directory = refDirectory ?? runtimeFallback;
        foreach (var file in Directory.GetFiles(directory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (refDirectory is null && (name.StartsWith("api-ms-", StringComparison.Ordinal) || name.Contains("Native", StringComparison.Ordinal) || !IsManaged(file)))
            {
                continue;
            }

            paths[name] = file;
        }
    }

    private static bool IsManaged(string file)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(file);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
