namespace Stateless.Testing;

/// <summary>Whether replicas share the app's static fields.</summary>
public enum StaticIsolation
{
    /// <summary>Each replica loads the app assembly and its app-local dependencies into its own collectible
    /// <see cref="System.Runtime.Loader.AssemblyLoadContext"/>: static fields of the app and of its NuGet dependencies
    /// are per replica, as in separate processes. Statics of the shared frameworks stay process-wide.</summary>
    PerReplicaLoadContext,

    /// <summary>All replicas run the app assembly the test references: separate hosts and containers, shared
    /// statics. Only for apps that cannot load twice; it hides every static-field bug.</summary>
    SharedProcess,
}
