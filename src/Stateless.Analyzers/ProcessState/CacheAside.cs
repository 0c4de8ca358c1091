using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ProcessState;

/// <summary>
/// Cache-aside: a cache write whose value a miss recomputes from a source of truth. <c>GetOrCreate*</c>/<c>GetOrAdd</c>
/// whose factory calls a database, an HTTP API or another service, and <c>Set</c>/<c>TryAdd</c>/indexer writes whose
/// value was just fetched from one (the miss path of <c>TryGetValue</c> + <c>Set</c>). A cold replica refills such a
/// cache, so it is not client state. A value only the request provided (a code, a note, a cart) is: it has no other home.
/// The factory or miss path may reach the source through a helper of the same type (<c>m.LoadConfiguration(file)</c>
/// reading an XML file), followed to a bounded depth; reading a file counts as a source of truth.
/// </summary>
internal static class CacheAside
{
    private const int MaxDepth = 3;

    /// <summary>How deep calls to helpers of the same type are followed from a factory or miss path.</summary>
    private const int MaxHelperDepth = 2;

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
                        return Unwrap(argument.Value) is not IAnonymousFunctionOperation factory || CallsSource(factory.Body, resources, 0);
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
    /// True when <paramref name="write"/> keeps a cache in step with its durable store rather than adding data of its
    /// own: an eviction or reordering (<c>Clear</c>, <c>Remove</c>, <c>TryRemove</c>, <c>Sort</c>), or a write-through,
    /// a stored value that the same method also hands to a durable write (<c>db.People.Update(person)</c>,
    /// <c>_serializer.SerializeToFile(configuration, path)</c>, a document built from it saved to a file). Only a member
    /// that a miss refills from a source of truth is such a cache; the caller checks that.
    /// </summary>
    public static bool KeepsInStepWithStore(IOperation write, ProcessResources resources)
    {
        if (IsEviction(write))
        {
            return true;
        }

        switch (write)
        {
            case IInvocationOperation { TargetMethod.Name: "Sort" }:
                return true;

            case IInvocationOperation store:
                foreach (var argument in store.Arguments)
                {
                    if (argument.Parameter?.Name is "value" or "addValue" or "item")
                    {
                        return IsWrittenThrough(argument.Value, write, resources);
                    }
                }

                return false;

            case ISimpleAssignmentOperation assignment:
                return IsWrittenThrough(assignment.Value, write, resources);

            default:
                return false;
        }
    }

    /// <summary>A removal of entries (<c>Remove</c>, <c>TryRemove</c>, <c>Clear</c>): it stores nothing.</summary>
    public static bool IsEviction(IOperation write) =>
        write is IInvocationOperation { TargetMethod.Name: "Clear" or "Remove" or "TryRemove" };

    private static bool IsWrittenThrough(IOperation value, IOperation write, ProcessResources resources)
    {
        var origins = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        switch (Unwrap(value))
        {
            case ILocalReferenceOperation local:
                origins.Add(local.Local);
                if (LoopOver(local) is { } loop && Unwrap(loop.Collection) is { } collection && SymbolOf(collection) is { } collectionSymbol)
                {
                    origins.Add(collectionSymbol);
                }

                break;
            case IParameterReferenceOperation parameter:
                origins.Add(parameter.Parameter);

                // people.ForEach(p => _cache[p.Key] = p): each element of a list the method also saves.
                if (parameter.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }
                    && ElementsOf(parameter) is { } elements)
                {
                    origins.Add(elements);
                }

                break;
            default:
                return false;
        }

        var root = write;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var node in root.Descendants())
        {
            if (node is IInvocationOperation call && IsDurableWrite(call, resources) && Mentions(call, origins))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The list whose <c>ForEach</c> runs the lambda that declares <paramref name="parameter"/>.</summary>
    private static ISymbol? ElementsOf(IParameterReferenceOperation parameter)
    {
        for (var current = parameter.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation function && SymbolEqualityComparer.Default.Equals(function.Symbol, parameter.Parameter.ContainingSymbol))
            {
                return current.Parent?.WithEnclosingConversions().Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ForEach", Instance: { } list } }
                    ? SymbolOf(Unwrap(list))
                    : null;
            }
        }

        return null;
    }

    /// <summary>
    /// A call that saves to a durable store: a file write, or a write-named call (<c>Save</c>, <c>Update</c>, <c>Add</c>,
    /// <c>Insert</c>, <c>Serialize</c>, …) on a dependency (a repository, a service, a database context), not an in-process cache or a logger.
    /// </summary>
    private static bool IsDurableWrite(IInvocationOperation call, ProcessResources resources)
    {
        if (FileSources.IsFileWrite(call.TargetMethod))
        {
            return true;
        }

        var receiver = Unwrap(call.Instance);
        if (receiver?.Type is { } type && (NamespaceNames.IsOrIsInside(type.ContainingNamespace, "Microsoft.Extensions.Caching.Memory")
            || NamespaceNames.IsOrIsInside(type.ContainingNamespace, "Microsoft.Extensions.Logging")
            || NamespaceNames.IsOrIsInside(type.ContainingNamespace, "System.Collections")))
        {
            return false;
        }

        foreach (var verb in WriteVerbs)
        {
            if (call.TargetMethod.Name.StartsWith(verb, System.StringComparison.Ordinal))
            {
                return IsSourceCall(call, resources);
            }
        }

        return false;
    }

    private static readonly string[] WriteVerbs = { "Save", "Update", "Upsert", "Insert", "Add", "Put", "Store", "Persist", "Serialize", "Replace", "Write" };

    /// <summary>
    /// Whether an argument or the receiver of <paramref name="call"/> uses one of <paramref name="origins"/>, directly or
    /// through a local built from it (<c>var doc = new XDocument(… post.Title …); doc.Save(stream)</c>).
    /// </summary>
    private static bool Mentions(IInvocationOperation call, HashSet<ISymbol> origins)
    {
        foreach (var operand in call.ChildOperations)
        {
            foreach (var node in operand.DescendantsAndSelf())
            {
                var symbol = SymbolOf(node);
                if (symbol is not null && origins.Contains(symbol))
                {
                    return true;
                }

                if (node is ILocalReferenceOperation local && ConstantFolding.SingleAssignment(local) is { } built)
                {
                    foreach (var part in built.DescendantsAndSelf())
                    {
                        if (SymbolOf(part) is { } used && origins.Contains(used))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    private static ISymbol? SymbolOf(IOperation? operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

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

        if (value is ILocalReferenceOperation iterated && depth < MaxDepth && LoopOver(iterated) is { } loop)
        {
            // foreach (var person in await db.People.ToListAsync()) _people[person.Key] = person: each element was fetched.
            return ComesFromSource(loop.Collection, resources, depth + 1);
        }

        if (value is ILocalReferenceOperation local && depth < MaxDepth)
        {
            return ConstantFolding.SingleAssignment(local) is { } assigned && ComesFromSource(assigned, resources, depth + 1);
        }

        return value is not null && CallsSource(value, resources, 0);
    }

    /// <summary>The <c>foreach</c> loop (also <c>await foreach</c>) whose iteration variable <paramref name="reference"/> reads.</summary>
    internal static IForEachLoopOperation? LoopOver(ILocalReferenceOperation reference)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && loop.Locals.Contains(reference.Local))
            {
                return loop;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="operation"/> awaits, calls a service, repository, database or HTTP client, reads a file,
    /// or calls a helper of its own type that does (<paramref name="helperDepth"/> helpers deep so far).
    /// </summary>
    private static bool CallsSource(IOperation operation, ProcessResources resources, int helperDepth)
    {
        foreach (var node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case IAwaitOperation:
                    return true;
                case IInvocationOperation invocation when IsSourceCall(invocation, resources) || FileSources.IsFileRead(invocation.TargetMethod):
                    return true;
                case IObjectCreationOperation creation when FileSources.OpensFile(creation):
                    return true;
                case IInvocationOperation invocation when helperDepth < MaxHelperDepth && HelperBody(invocation) is { } helper
                    && CallsSource(helper, resources, helperDepth + 1):
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The body of a method of the calling code's own type, declared in the same file (through the caller's semantic
    /// model, never <c>Compilation.GetSemanticModel</c>): <c>LoadConfiguration(file, type)</c>, <c>m.Load(k)</c> in a static factory.
    /// Overridable methods are not followed: another type's body may run instead.
    /// </summary>
    private static IOperation? HelperBody(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var model = invocation.SemanticModel;
        if (model is null || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        var ownType = invocation.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        if (ownType is null || declaration is not MethodDeclarationSyntax || declaration.FirstAncestorOrSelf<TypeDeclarationSyntax>() != ownType)
        {
            return null;
        }

        return model.GetOperation(declaration);
    }

    internal static bool IsSourceCall(IInvocationOperation invocation, ProcessResources resources)
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
    internal static IOperation? Unwrap(IOperation? operation)
    {
        operation = operation.WithoutImplicitConversions();
        return operation is IDelegateCreationOperation creation ? creation.Target.WithoutImplicitConversions() : operation;
    }
}
