using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Stateless.Tools.Shared;

namespace Stateless.Analyzers.Tests.Verifiers;

/// <summary>Offline references for Microsoft.CodeAnalysis.Testing (see <see cref="OfflineReferences"/>).</summary>
internal static class TestReferences
{
    /// <summary>An empty reference set: the real references come from <see cref="Metadata"/>, never from a package download.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0-offline");

    public static ImmutableArray<MetadataReference> Metadata => OfflineReferences.Metadata;
}
