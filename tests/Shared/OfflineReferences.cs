using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.Testing;

/// <summary>
/// The references analyzer tests and scans compile against, resolved without any network access:
/// the reference packs of the SDK that runs the tests (Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref,
/// falling back to the shared runtime when a pack is missing), plus Microsoft.IdentityModel.*,
/// System.IdentityModel.Tokens.Jwt, JwtBearer and Stateless.Runtime from the test's own output folder.
/// </summary>
internal static class OfflineReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(Load);

    public static ImmutableArray<MetadataReference> Metadata => All.Value;

    private static ImmutableArray<MetadataReference> Load()
    {
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var runtimeVersion = new DirectoryInfo(runtimeDirectory).Name;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));

        AddFramework(paths, dotnetRoot, "Microsoft.NETCore.App", runtimeVersion, runtimeDirectory);
        var aspNetRuntime = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!;
        AddFramework(paths, dotnetRoot, "Microsoft.AspNetCore.App", new DirectoryInfo(aspNetRuntime).Name, aspNetRuntime);

        foreach (var assembly in new[]
        {
            typeof(Microsoft.IdentityModel.Tokens.TokenValidationParameters).Assembly,
            typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler).Assembly,
            typeof(System.IdentityModel.Tokens.Jwt.JwtSecurityTokenHandler).Assembly,
            typeof(Microsoft.IdentityModel.Logging.LogHelper).Assembly,
            typeof(Microsoft.IdentityModel.Abstractions.IIdentityLogger).Assembly,
            typeof(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions).Assembly,
            typeof(Stateless.Runtime.StatelessHandlerAttribute).Assembly,
        })
        {
            paths[Path.GetFileNameWithoutExtension(assembly.Location)] = assembly.Location;
        }

        return paths.Values.OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

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
