using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Cache-aside: a cache write whose value a miss recomputes from a source of truth. <c>GetOrCreate*</c>/<c>GetOrAdd</c>
/// whose factory calls a database, an HTTP API or another service, and <c>Set</c>/<c>TryAdd</c>/indexer writes whose
/// value was just fetched from one (the miss path of <c>TryGetValue</c> + <c>Set</c>). A cold replica refills such a
/// cache, so it is not client state. A value only the request provided (a code, a note, a cart) is: it has no other home.
/// </summary>
internal static class CacheAside
{
    private const int MaxDepth = 3;

    /// <summary>True when <paramref name="write"/> fills a cache from a source of truth (see the type's summary).</summary>
    public static bool IsRecomputed(IOperation write, ProcessResources resources)
    {
        switch (write)
        {
            case IInvocationOperation { TargetMethod.Name: "GetOrCreate" or "GetOrCreateAsync" or "GetOrAdd" or "GetOrAddAsync" } memo:
                foreach (var argument in memo.Arguments)
                {
                    if (argument.Value.Type?.TypeKind == TypeKind.Delegate)
                    {
                        return Unwrap(argument.Value) is not IAnonymousFunctionOperation factory || CallsSource(factory.Body, resources);
                    }
                }

                return false;

            case IInvocationOperation store:
                foreach (var argument in store.Arguments)
                {
                    if (argument.Parameter?.Name is "value" or "addValue" or "item" && ComesFromSource(argument.Value, resources, 0))
                    {
                        return true;
                    }
                }

                return false;

            case ISimpleAssignmentOperation assignment:
                return ComesFromSource(assignment.Value, resources, 0);

            default:
                return false;
        }
    }

    /// <summary>
    /// True when <paramref name="value"/> calls a source of truth, is a local assigned once from such a call, or reads a
    /// member of one (<c>var result = _factory.Get(route); … _balancers[key] = result.Data;</c>). A value built from a
    /// fetched one (<c>(DateTime.UtcNow, authResult)</c>) is new data, not a copy: it is not followed.
    /// </summary>
    private static bool ComesFromSource(IOperation? value, ProcessResources resources, int depth)
    {
        value = Unwrap(value);
        if (value is IPropertyReferenceOperation { Property.IsIndexer: false, Instance: { } owner } && Unwrap(owner) is ILocalReferenceOperation read)
        {
            value = read;
        }
        else if (value is IFieldReferenceOperation { Instance: { } fieldOwner } && Unwrap(fieldOwner) is ILocalReferenceOperation fieldRead)
        {
            value = fieldRead;
        }

        if (value is ILocalReferenceOperation local && depth < MaxDepth)
        {
            return ConstantFolding.SingleAssignment(local) is { } assigned && ComesFromSource(assigned, resources, depth + 1);
        }

        return value is not null && CallsSource(value, resources);
    }

    /// <summary>True when <paramref name="operation"/> awaits, or calls a service, repository, database or HTTP client.</summary>
    private static bool CallsSource(IOperation operation, ProcessResources resources)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case IAwaitOperation:
                    return true;
                case IInvocationOperation invocation when IsSourceCall(invocation, resources):
                    return true;
            }
        }

        return false;
    }

    private static bool IsSourceCall(IInvocationOperation invocation, ProcessResources resources)
    {
        var receiver = invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        receiver = Unwrap(receiver);
        if (receiver is null or IInstanceReferenceOperation)
        {
            return false;
        }

        // A dependency: an interface (a repository, a service, an HTTP or database client) or a process resource.
        return receiver.Type is { TypeKind: TypeKind.Interface } || resources.IsProcessResource(receiver.Type) || IsDataContext(receiver.Type);
    }

    /// <summary>Entity Framework's <c>DbContext</c>/<c>DbSet</c> and types derived from them.</summary>
    private static bool IsDataContext(ITypeSymbol? type)
    {
        foreach (var current in TypeHierarchy.BaseTypesAndSelf(type))
        {
            if (current.Name is "DbContext" or "DbSet" && NamespaceNames.IsOrIsInside(current.ContainingNamespace, "Microsoft.EntityFrameworkCore"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Through implicit conversions, parentheses and delegate creation (a lambda or method group handed over as a factory).</summary>
    private static IOperation? Unwrap(IOperation? operation)
    {
        operation = operation.WithoutImplicitConversions();
        return operation is IDelegateCreationOperation creation ? creation.Target.WithoutImplicitConversions() : operation;
    }
}
