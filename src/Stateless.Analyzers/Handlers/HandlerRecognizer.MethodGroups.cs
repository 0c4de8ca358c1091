using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Handlers;

/// <summary>Handler delegates passed as method groups (<c>app.MapGet("/", GetOrders)</c>): the registrations of a file, found once per file.</summary>
internal sealed partial class HandlerRecognizer
{
    // One walk per file: the first caller computes it, concurrent callers for the same file wait for that result. The
    // walk is not cancellable (a cancelled Lazy would keep its exception); it is one pass over one file's syntax.
    private readonly ConcurrentDictionary<SyntaxTree, Lazy<ImmutableHashSet<IMethodSymbol>>> _methodGroupTargets = ConcurrentCache.Create<SyntaxTree, Lazy<ImmutableHashSet<IMethodSymbol>>>(EqualityComparer<SyntaxTree>.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _middlewareTargets = ConcurrentCache.Create<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

    /// <summary>
    /// True when <paramref name="method"/> (a method or local function) is passed as a method group to a route or
    /// middleware registration in its own file. The registrations of a file are found once and cached.
    /// </summary>
    public bool IsMethodGroupTarget(IMethodSymbol? method, SemanticModel? model, CancellationToken cancellationToken, out HandlerKind kind)
    {
        kind = HandlerKind.None;
        if (method is null || model is null || !HasDelegateHosts)
        {
            return false;
        }

        method = method.OriginalDefinition;
        var tree = model.SyntaxTree;
        var inTree = false;
        foreach (var location in method.Locations)
        {
            inTree |= location.SourceTree == tree;
        }

        if (!inTree)
        {
            return false;
        }

        if (!_methodGroupTargets.TryGetValue(tree, out var targets))
        {
            targets = _methodGroupTargets.GetOrAdd(tree, _ => new Lazy<ImmutableHashSet<IMethodSymbol>>(() => FindMethodGroupTargets(model, CancellationToken.None)));
        }

        if (!targets.Value.Contains(method))
        {
            return false;
        }

        // A target passed to Use/Run is a middleware delegate; any other registered target is a route handler.
        kind = _middlewareTargets.TryGetValue(method, out _) ? HandlerKind.MiddlewareDelegate : HandlerKind.MinimalApiRouteHandler;
        return true;
    }

    private ImmutableHashSet<IMethodSymbol> FindMethodGroupTargets(SemanticModel model, CancellationToken cancellationToken)
    {
        var builder = ImmutableHashSet.CreateBuilder<IMethodSymbol>(SymbolEqualityComparer.Default);
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        foreach (var node in root.DescendantNodes())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (node is not InvocationExpressionSyntax invocation || !IsRegistrationName(invocation.Expression) || !HasMethodGroupArgument(invocation))
            {
                continue;
            }

            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                continue;
            }

            foreach (var argument in operation.Arguments)
            {
                if (TryGetHandlerDelegate(argument, out var kind, out _, out var target) && target is not null)
                {
                    builder.Add(target);
                    if (kind == HandlerKind.MiddlewareDelegate)
                    {
                        _middlewareTargets.TryAdd(target, true);
                    }
                }
            }
        }

        return builder.ToImmutable();
    }

    private static bool IsRegistrationName(ExpressionSyntax expression)
    {
        var name = expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        return name is not null && (RouteMethodNames.Contains(name) || MiddlewareMethodNames.Contains(name));
    }

    private static bool HasMethodGroupArgument(InvocationExpressionSyntax invocation)
    {
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            if (argument.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax)
            {
                return true;
            }
        }

        return false;
    }
}
