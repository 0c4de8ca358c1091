using System.Reflection;
using System.Runtime.Loader;

namespace Stateless.Testing;

/// <summary>
/// The load context of one replica: the app assembly and its app-local dependencies (the NuGet packages copied next
/// to it) load here, so their statics belong to this replica alone. The shared frameworks (Microsoft.NETCore.App,
/// Microsoft.AspNetCore.App) and the assemblies the kit shares with the app (this kit, TestHost, anything listed in
/// <see cref="ReplicaFleetOptions.SharedAssemblies"/>) come from the default context, so <c>IServer</c>,
/// <c>IDistributedCache</c> or <c>IXmlRepository</c> are the same types on both sides and shared objects can be handed
/// to every replica.
/// </summary>
internal sealed class ReplicaLoadContext : AssemblyLoadContext
{
    private static readonly string[] FrameworkDirectories =
    [
        Path.GetDirectoryName(typeof(object).Assembly.Location)!,
        Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Builder.WebApplication).Assembly.Location)!,
    ];

    private readonly string _appDirectory;
    private readonly HashSet<string> _shared;

    public ReplicaLoadContext(string name, string appAssemblyPath, IEnumerable<string> sharedAssemblies)
        : base(name, isCollectible: true)
    {
        _appDirectory = Path.GetDirectoryName(appAssemblyPath)!;
        _shared = new HashSet<string>(sharedAssemblies, StringComparer.OrdinalIgnoreCase)
        {
            typeof(ReplicaLoadContext).Assembly.GetName().Name!,
            typeof(Microsoft.AspNetCore.TestHost.TestServer).Assembly.GetName().Name!,
        };
        AppAssembly = LoadFromAssemblyPath(appAssemblyPath);
    }

    public Assembly AppAssembly { get; }

    /// <summary>Whether <paramref name="name"/> loads into this replica (true) or comes from the default context.</summary>
    internal bool IsReplicaLocal(AssemblyName name)
    {
        if (name.Name is null || _shared.Contains(name.Name))
        {
            return false;
        }

        foreach (var directory in FrameworkDirectories)
        {
            if (File.Exists(Path.Combine(directory, name.Name + ".dll")))
            {
                return false;
            }
        }

        return File.Exists(Path.Combine(_appDirectory, name.Name + ".dll"));
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, AppAssembly.GetName().Name, StringComparison.OrdinalIgnoreCase))
        {
            return AppAssembly;
        }

        return IsReplicaLocal(assemblyName)
            ? LoadFromAssemblyPath(Path.Combine(_appDirectory, assemblyName.Name + ".dll"))
            : null;
    }
}
