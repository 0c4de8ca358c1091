using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.ScaleOut;

/// <summary>
/// Is the in-memory <c>IDistributedCache</c> replaced anyway? <c>AddDistributedMemoryCache</c> registers with
/// <c>TryAdd</c>; a shared cache registered with <c>Add</c> (the Redis, SQL Server, Cosmos DB, NCache, PostgreSQL and
/// MySQL packages, or <c>AddSingleton&lt;IDistributedCache, T&gt;()</c>) in the same method or lambda, on every path,
/// is the one the container resolves, whichever comes first.
/// </summary>
internal sealed class SharedCacheRegistrations
{
    private readonly INamedTypeSymbol? _serviceCollection;
    private readonly INamedTypeSymbol? _distributedCache;

    public SharedCacheRegistrations(WellKnownTypes types)
    {
        _serviceCollection = types.Get(MetadataNames.ServiceCollectionInterface);
        _distributedCache = types.Get(MetadataNames.DistributedCacheInterface);
    }

    public bool IsReplaced(IInvocationOperation memoryCache)
    {
        if (_serviceCollection is null)
        {
            return false;
        }

        var body = EnclosingBody(memoryCache);
        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation invocation
                && invocation != memoryCache
                && IsSharedCacheRegistration(invocation)
                && RunsOnEveryPath(invocation, body))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The in-memory cache is the configured alternative to a shared one: another branch of the same <c>if</c>/<c>else</c>
    /// chain, conditional expression or <c>switch</c> registers a shared cache (<c>if (redis is null)
    /// AddDistributedMemoryCache(); else AddStackExchangeRedisCache(…)</c>, a provider chosen by configuration). A
    /// deployment of several replicas configures the shared one; the memory cache serves a single instance. A choice made
    /// by the hosting environment is not configuration: production gets whichever branch it names.
    /// </summary>
    public bool IsFallbackOfSharedCache(IInvocationOperation memoryCache, EnvironmentGuard guard)
    {
        if (_serviceCollection is null)
        {
            return false;
        }

        for (IOperation current = memoryCache; current.Parent is { } parent; current = parent)
        {
            switch (parent)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case IConditionalOperation conditional when current != conditional.Condition && !guard.DependsOnEnvironment(conditional.Condition):
                    if ((conditional.WhenTrue == current ? conditional.WhenFalse : conditional.WhenTrue) is { } other && RegistersSharedCache(other))
                    {
                        return true;
                    }

                    break;
                case ISwitchCaseOperation { Parent: ISwitchOperation switchStatement } ownCase when !guard.DependsOnEnvironment(switchStatement.Value):
                    foreach (var otherCase in switchStatement.Cases)
                    {
                        if (otherCase != ownCase && RegistersSharedCache(otherCase))
                        {
                            return true;
                        }
                    }

                    break;
                case ISwitchExpressionArmOperation { Parent: ISwitchExpressionOperation switchExpression } ownArm when !guard.DependsOnEnvironment(switchExpression.Value):
                    foreach (var otherArm in switchExpression.Arms)
                    {
                        if (otherArm != ownArm && RegistersSharedCache(otherArm.Value))
                        {
                            return true;
                        }
                    }

                    break;
            }
        }

        return false;
    }

    private bool RegistersSharedCache(IOperation branch)
    {
        foreach (var operation in branch.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation invocation && IsSharedCacheRegistration(invocation))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsSharedCacheRegistration(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.Parameters.Length == 0
            || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type.OriginalDefinition, _serviceCollection))
        {
            return false;
        }

        if (Array.IndexOf(MetadataNames.SharedDistributedCacheRegistrations, method.Name) >= 0)
        {
            return true;
        }

        if (_distributedCache is null || method.Name is not ("AddSingleton" or "AddScoped" or "AddTransient"))
        {
            return false;
        }

        if (method.TypeArguments.Length == 2)
        {
            // AddSingleton<IDistributedCache, TImplementation>(): the implementation is not the in-memory one.
            return SymbolEqualityComparer.Default.Equals(method.TypeArguments[0].OriginalDefinition, _distributedCache)
                && method.TypeArguments[1].Name != "MemoryDistributedCache";
        }

        if (method.TypeArguments.Length == 1 && invocation.Arguments.Length == 2)
        {
            // AddSingleton<IDistributedCache>(sp => ...).
            return SymbolEqualityComparer.Default.Equals(method.TypeArguments[0].OriginalDefinition, _distributedCache);
        }

        return false;
    }

    private static IOperation EnclosingBody(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return parent;
            }

            current = parent;
        }

        return current;
    }

    /// <summary>No branch, loop, lambda, short-circuit, <c>catch</c> or earlier <c>return</c> can skip it.</summary>
    private static bool RunsOnEveryPath(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            switch (current)
            {
                case IConditionalOperation or ISwitchOperation or ISwitchExpressionOperation or ILoopOperation
                    or IAnonymousFunctionOperation or ILocalFunctionOperation or IConditionalAccessOperation
                    or ICoalesceOperation or ICatchClauseOperation:
                    return false;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                    return false;
            }
        }

        foreach (var earlier in body.Descendants())
        {
            if (earlier is IReturnOperation { IsImplicit: false } or IThrowOperation
                && earlier.Syntax.SpanStart < operation.Syntax.SpanStart
                && EnclosingBody(earlier) == body)
            {
                return false;
            }
        }

        return true;
    }
}
