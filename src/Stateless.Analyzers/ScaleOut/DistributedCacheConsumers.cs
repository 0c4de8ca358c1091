using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>
/// STL1101: does anything the compilation can see keep entries in <c>IDistributedCache</c>? An in-memory distributed
/// cache that nothing writes to loses nothing when a request lands on another replica. A consumer is:
/// <list type="bullet">
/// <item>session state: <c>AddSession</c> or <c>UseSession</c> (ASP.NET Core session stores in <c>IDistributedCache</c>);</item>
/// <item>Microsoft.Identity.Web's <c>AddDistributedTokenCaches</c> (the users' MSAL token caches);</item>
/// <item>code of the compilation that names <c>IDistributedCache</c> (a constructor parameter, a field, a resolve);</item>
/// <item>a referenced assembly outside <c>System.*</c> and <c>Microsoft.*</c> with a type that takes or keeps an
/// <c>IDistributedCache</c> (a project of the same solution, a third-party framework).</item>
/// </list>
/// Microsoft's own packages that can use the cache (Identity.Web, Session) are known by the call that turns it on;
/// a consumer only inside a package that is neither is not seen. Computed once per compilation, and only when a
/// registration is about to be reported.
/// </summary>
internal sealed class DistributedCacheConsumers
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _distributedCache;
    private readonly object _gate = new();
    private bool? _any;

    public DistributedCacheConsumers(Compilation compilation, INamedTypeSymbol distributedCache)
    {
        _compilation = compilation;
        _distributedCache = distributedCache;
    }

    /// <summary>Computed by the first caller; a cancelled computation is not kept.</summary>
    public bool Any(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _any ??= InSource(cancellationToken) || InReferences(cancellationToken);
            return _any.Value;
        }
    }

    private bool InSource(CancellationToken cancellationToken)
    {
        var models = new Dictionary<SyntaxTree, SemanticModel>();
#pragma warning disable RS1030 // Consumers live in other files; the model is asked only at occurrences of four names.
        SemanticModel ModelOf(SyntaxTree tree) => models.TryGetValue(tree, out var model) ? model : models[tree] = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030

        foreach (var token in NameTokens.In(_compilation, "IDistributedCache", cancellationToken))
        {
            if (token.Parent is IdentifierNameSyntax name && IsDistributedCache(ModelOf(name.SyntaxTree).GetSymbolInfo(name, cancellationToken).Symbol))
            {
                return true;
            }
        }

        var index = CallSiteIndex.Build(_compilation);
        bool Calls(string name, Func<IMethodSymbol, bool> consumes, bool unboundCounts)
        {
            foreach (var site in index.SitesNamed(name, cancellationToken))
            {
                switch (ModelOf(site.SyntaxTree).GetOperation(site, cancellationToken))
                {
                    case IInvocationOperation invocation when consumes(invocation.TargetMethod):
                    case IInvalidOperation when unboundCounts: // a package the compilation lacks: a build binds it
                        return true;
                }
            }

            return false;
        }

        return Calls("AddSession", method => NamespaceNames.IsTopLevelType(method.ContainingType, MetadataNames.SessionServiceCollectionExtensions), unboundCounts: false)
            || Calls("UseSession", method => NamespaceNames.IsTopLevelType(method.ContainingType, MetadataNames.SessionMiddlewareExtensions), unboundCounts: false)
            || Calls(MetadataNames.DistributedTokenCachesMethod, method => NamespaceNames.IsOrIsInside(method.ContainingNamespace, MetadataNames.IdentityWebNamespace), unboundCounts: true);
    }

    private bool IsDistributedCache(ISymbol? symbol) =>
        symbol is ITypeSymbol type && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _distributedCache);

    /// <summary>A referenced assembly that depends on the caching abstractions and has a type taking or keeping the cache.</summary>
    private bool InReferences(CancellationToken cancellationToken)
    {
        foreach (var assembly in _compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = assembly.Identity.Name;
            if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                || name is "System" or "mscorlib" or "netstandard"
                || !DependsOnCachingAbstractions(assembly))
            {
                continue;
            }

            if (TakesOrKeepsCache(assembly.GlobalNamespace))
            {
                return true;
            }
        }

        return false;
    }

    private static bool DependsOnCachingAbstractions(IAssemblySymbol assembly)
    {
        // A compilation reference (a project of the same solution compiled from source) has no metadata reference list.
        if (assembly is ISourceAssemblySymbol)
        {
            return true;
        }

        return assembly.Modules.Any(module => module.ReferencedAssemblies.Any(reference => reference.Name == MetadataNames.CachingAbstractionsAssembly));
    }

    private bool TakesOrKeepsCache(INamespaceSymbol root)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamespaceSymbol ns:
                        pending.Push(ns);
                        break;
                    case INamedTypeSymbol type:
                        if (Uses(type))
                        {
                            return true;
                        }

                        pending.Push(type);
                        break;
                }
            }
        }

        return false;
    }

    private bool Uses(INamedTypeSymbol type)
    {
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol field when IsDistributedCache(field.Type):
                case IPropertySymbol property when IsDistributedCache(property.Type):
                    return true;
                case IMethodSymbol method when method.MethodKind == MethodKind.Constructor && method.Parameters.Any(p => IsDistributedCache(p.Type)):
                    return true;
            }
        }

        return false;
    }
}
