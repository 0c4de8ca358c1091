using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Process resources: handles to external systems (HTTP clients, database connections, Redis multiplexers, message-bus
/// clients and channels, gRPC channels, sockets) and synchronisation primitives (semaphores, timers, cancellation
/// sources). Opening one lazily or reopening it after a failure is not client state. Putting request data into a
/// shared one is: <see cref="IsDefaultHeadersWrite"/> finds writes of an <c>HttpClient</c>'s default request headers.
/// One instance per compilation; answers are cached per type.
/// </summary>
internal sealed class ProcessResources
{
    private static readonly ConditionalWeakTable<Compilation, ProcessResources> Shared = new();

    private readonly MetadataNameSet _resourceTypes = new(MetadataNames.ProcessResourceTypes);
    private readonly INamedTypeSymbol? _httpClient;
    private readonly INamedTypeSymbol? _disposable;
    private readonly INamedTypeSymbol? _asyncDisposable;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _cache = ConcurrentCache.Create<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

    private ProcessResources(WellKnownTypes types)
    {
        _httpClient = types.Get(MetadataNames.HttpClient);
        _disposable = types.Get("System.IDisposable");
        _asyncDisposable = types.Get("System.IAsyncDisposable");
    }

    public static ProcessResources GetOrCreate(Compilation compilation) =>
        Shared.GetValue(compilation, static c => new ProcessResources(WellKnownTypes.GetOrCreate(c)));

    /// <summary>True for a handle to an external system or a synchronisation primitive (see the type's summary).</summary>
    public bool IsProcessResource(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        if (_cache.TryGetValue(named, out var result))
        {
            return result;
        }

        result = Classify(named);
        _cache.TryAdd(named, result);
        return result;
    }

    /// <summary>
    /// True when <paramref name="reference"/> (a field or property holding an <c>HttpClient</c>) has its default
    /// request headers changed: <c>client.DefaultRequestHeaders.Authorization = …</c>,
    /// <c>client.DefaultRequestHeaders.Add(…)</c>. <paramref name="write"/> is the assignment or call.
    /// </summary>
    public bool IsDefaultHeadersWrite(IOperation reference, out IOperation write)
    {
        write = reference;
        if (_httpClient is null || reference.Type is not INamedTypeSymbol type || !TypeHierarchy.IsOrInheritsFrom(type, _httpClient)
            || reference.Parent is not IPropertyReferenceOperation { Property.Name: "DefaultRequestHeaders" } headers
            || headers.Instance != reference)
        {
            return false;
        }

        switch (headers.Parent)
        {
            // DefaultRequestHeaders.Authorization = …, DefaultRequestHeaders.From = …
            case IPropertyReferenceOperation header when header.Instance == headers && header.Parent is IAssignmentOperation assignment && assignment.Target == header:
                write = assignment;
                return true;

            // DefaultRequestHeaders.Add(…), TryAddWithoutValidation(…), Remove(…), Clear()
            case IInvocationOperation invocation when invocation.Instance == headers
                && invocation.TargetMethod.Name is "Add" or "TryAddWithoutValidation" or "Remove" or "Clear":
                write = invocation;
                return true;

            // DefaultRequestHeaders.Accept.Add(…), DefaultRequestHeaders.Authorization!.… (a header collection changed in place)
            case IPropertyReferenceOperation { Parent: IInvocationOperation collectionCall } header when header.Instance == headers
                && collectionCall.Instance == header && collectionCall.TargetMethod.Name is "Add" or "Clear" or "Remove" or "ParseAdd" or "TryParseAdd":
                write = collectionCall;
                return true;
            default:
                return false;
        }
    }

    private bool Classify(INamedTypeSymbol type)
    {
        if (_httpClient is not null && TypeHierarchy.IsOrInheritsFrom(type, _httpClient))
        {
            return true;
        }

        // The listed classes and everything derived from them; the listed interfaces and everything implementing them.
        if (_resourceTypes.ContainsSelfOrBase(type) || _resourceTypes.ContainsInterfaceOf(type))
        {
            return true;
        }

        // Clients and connections of libraries the list does not name: from a referenced assembly, disposable.
        if (!type.Locations.IsEmpty && !type.Locations[0].IsInSource && EndsWithResourceName(type.Name)
            && (type.TypeKind == TypeKind.Interface || TypeHierarchy.Implements(type, _disposable) || TypeHierarchy.Implements(type, _asyncDisposable)))
        {
            return true;
        }

        // A client or connection of this code base that wraps one of those (an IHttpClient exposing its HttpClient, a
        // class holding a DbConnection): a handle too, so a pool of them is not client state.
        return !type.Locations.IsEmpty && type.Locations[0].IsInSource && EndsWithResourceName(type.Name) && WrapsLibraryResource(type);
    }

    /// <summary>True when an instance field or property of <paramref name="type"/> holds a resource type of a referenced library.</summary>
    private bool WrapsLibraryResource(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            var held = member switch
            {
                IFieldSymbol { IsStatic: false } field => field.Type,
                IPropertySymbol { IsStatic: false } property => property.Type,
                _ => null,
            };

            // Only types from referenced assemblies: a source type wrapping another source type is not followed.
            if (held is INamedTypeSymbol named && !named.Locations.IsEmpty && !named.Locations[0].IsInSource && IsProcessResource(named))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithResourceName(string name)
    {
        foreach (var suffix in MetadataNames.ProcessResourceNameSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
