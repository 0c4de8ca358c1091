using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Stateless.Analyzers.Infrastructure;

namespace Stateless.Analyzers.Handlers;

/// <summary>
/// Handler delegates: lambdas and method groups passed as the handler of a minimal-API route
/// (<c>Map</c>, <c>MapGet</c>, ... on <c>IEndpointRouteBuilder</c>/<c>RouteGroupBuilder</c>) or as a middleware
/// delegate (<c>Use</c>, <c>Run</c>, the <c>UseWhen</c>/<c>MapWhen</c> predicate, the <c>RequestDelegate</c> returned by
/// an <c>IApplicationBuilder.Use(next =&gt; ...)</c> factory). The extension classes are matched by metadata name.
/// </summary>
internal sealed partial class HandlerRecognizer
{
    private static readonly NameSet RouteMethodNames = new(
        "Map", "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "MapFallback");

    private static readonly NameSet MiddlewareMethodNames = new(
        "Use", "Run", "UseWhen", "MapWhen");

    /// <summary>True when the compilation references the ASP.NET Core types that host handler delegates.</summary>
    public bool HasDelegateHosts => _types.Get(MetadataNames.EndpointRouteBuilderExtensions) is not null
        || _types.Get(MetadataNames.UseExtensions) is not null
        || _types.Get(MetadataNames.RunExtensions) is not null;

    /// <summary>
    /// True when <paramref name="argument"/> is the handler argument of a route or middleware registration
    /// (for an <c>IApplicationBuilder.Use(Func&lt;RequestDelegate, RequestDelegate&gt;)</c> factory, see
    /// <see cref="IsMiddlewareFactoryArgument"/>: the handlers are the delegates the factory returns).
    /// </summary>
    public bool IsHandlerArgument(IArgumentOperation? argument, out HandlerKind kind)
    {
        kind = HandlerKind.None;
        if (argument?.Parent is not IInvocationOperation invocation || argument.Parameter is not { } parameter
            || parameter.Type.TypeKind != TypeKind.Delegate && parameter.Type.SpecialType != SpecialType.System_Delegate)
        {
            return false;
        }

        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || parameter.Ordinal == 0 || method.ContainingType is not { } containing)
        {
            return false;
        }

        if (RouteMethodNames.Contains(method.Name))
        {
            if ((Is(containing, MetadataNames.EndpointRouteBuilderExtensions) || Is(containing, MetadataNames.FallbackEndpointRouteBuilderExtensions))
                && (parameter.Type.SpecialType == SpecialType.System_Delegate || Is(parameter.Type, MetadataNames.RequestDelegate)))
            {
                kind = HandlerKind.MinimalApiRouteHandler;
            }
        }
        else if (MiddlewareMethodNames.Contains(method.Name))
        {
            var isHost = method.Name switch
            {
                "Use" => Is(containing, MetadataNames.UseExtensions),
                "Run" => Is(containing, MetadataNames.RunExtensions),
                "UseWhen" => Is(containing, MetadataNames.UseWhenExtensions),
                _ => Is(containing, MetadataNames.MapWhenExtensions),
            };

            // UseWhen/MapWhen: the predicate runs per request; the Action<IApplicationBuilder> configures the branch once.
            if (isHost && !Is(parameter.Type.OriginalDefinition, "System.Action`1"))
            {
                kind = HandlerKind.MiddlewareDelegate;
            }
        }

        return kind != HandlerKind.None;
    }

    /// <summary>
    /// True for the argument of <c>IApplicationBuilder.Use(Func&lt;RequestDelegate, RequestDelegate&gt; middleware)</c>:
    /// the factory runs once when the pipeline is built; the <c>RequestDelegate</c> it returns runs per request.
    /// </summary>
    public bool IsMiddlewareFactoryArgument(IArgumentOperation? argument)
    {
        if (argument?.Parent is not IInvocationOperation { TargetMethod: { Name: "Use", IsExtensionMethod: false, IsStatic: false } method }
            || argument.Parameter?.Type is not INamedTypeSymbol { TypeArguments.Length: 2 } func
            || !Is(func.OriginalDefinition, "System.Func`2")
            || !Is(func.TypeArguments[0], MetadataNames.RequestDelegate)
            || !Is(func.TypeArguments[1], MetadataNames.RequestDelegate))
        {
            return false;
        }

        var builder = _types.Get(MetadataNames.IApplicationBuilder);
        return builder is not null && method.ContainingType is { } containing
            && (SymbolEqualityComparer.Default.Equals(containing, builder) || TypeHierarchy.Implements(containing, builder));
    }

    /// <summary>
    /// The registration's handler delegate: the lambda, or the method or local function of a method group,
    /// that <paramref name="argument"/> passes. A local assigned once to a lambda is followed.
    /// </summary>
    public bool TryGetHandlerDelegate(IArgumentOperation? argument, out HandlerKind kind, out IAnonymousFunctionOperation? lambda, out IMethodSymbol? method)
    {
        lambda = null;
        method = null;
        if (!IsHandlerArgument(argument, out kind))
        {
            return false;
        }

        GetDelegateTarget(argument!.Value, out lambda, out method);
        return lambda is not null || method is not null;
    }

    /// <summary>The handler delegate a route or middleware registration call passes, if it is one.</summary>
    public bool TryGetHandlerDelegate(IInvocationOperation? invocation, out HandlerKind kind, out IAnonymousFunctionOperation? lambda, out IMethodSymbol? method)
    {
        kind = HandlerKind.None;
        lambda = null;
        method = null;
        if (invocation is null)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (TryGetHandlerDelegate(argument, out kind, out lambda, out method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The lambda or method group a delegate-valued expression stands for.</summary>
    public static void GetDelegateTarget(IOperation? value, out IAnonymousFunctionOperation? lambda, out IMethodSymbol? method)
    {
        lambda = null;
        method = null;
        for (var depth = 0; value is not null && depth < 6; depth++)
        {
            switch (value)
            {
                case IConversionOperation or IParenthesizedOperation:
                    value = value.WithoutConversions();
                    break;
                case IDelegateCreationOperation creation:
                    value = creation.Target;
                    break;
                case IAnonymousFunctionOperation anonymous:
                    lambda = anonymous;
                    return;
                case IMethodReferenceOperation reference:
                    method = reference.Method.OriginalDefinition;
                    return;
                case ILocalReferenceOperation local:
                    value = ConstantFolding.SingleAssignment(local);
                    break;
                default:
                    return;
            }
        }
    }

    /// <summary>
    /// The handler that <paramref name="operation"/> runs in: the innermost enclosing handler delegate (lambda,
    /// local function or method group target of a registration in the same file), else the handler type that
    /// declares <paramref name="containingSymbol"/>. Static constructors and field initializers run once per
    /// process, not per request, so they are not handler code.
    /// </summary>
    public HandlerContext GetHandlerContext(IOperation operation, ISymbol? containingSymbol, CancellationToken cancellationToken = default)
    {
        if (GetEnclosingHandlerDelegate(operation, cancellationToken) is { IsHandler: true } delegateContext)
        {
            return delegateContext;
        }

        if (containingSymbol is not IMethodSymbol containingMethod || containingMethod.MethodKind == MethodKind.StaticConstructor)
        {
            return default;
        }

        if (containingMethod.ContainingType is { } type && GetHandlerKind(type) is var typeKind and not HandlerKind.None)
        {
            return new HandlerContext(typeKind, type, null, null);
        }

        if (containingMethod.MethodKind == MethodKind.Ordinary && IsMethodGroupTarget(containingMethod, operation.SemanticModel, cancellationToken, out var methodKind))
        {
            return new HandlerContext(methodKind, null, containingMethod, null);
        }

        return default;
    }

    /// <summary>
    /// The innermost lambda or local function around <paramref name="operation"/> that is a handler delegate, or
    /// none. Unlike <see cref="GetHandlerContext"/> it never falls back to the containing method or type.
    /// </summary>
    public HandlerContext GetEnclosingHandlerDelegate(IOperation operation, CancellationToken cancellationToken = default)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda when IsHandlerLambda(lambda, out var kind, out var registration):
                    return new HandlerContext(kind, null, lambda.Symbol, registration);
                case ILocalFunctionOperation localFunction when IsMethodGroupTarget(localFunction.Symbol, operation.SemanticModel, cancellationToken, out var kind):
                    return new HandlerContext(kind, null, localFunction.Symbol, null);
            }
        }

        return default;
    }

    /// <summary>True when the lambda is a handler delegate: passed to a route or middleware registration, or returned as the <c>RequestDelegate</c> of a middleware factory.</summary>
    public bool IsHandlerLambda(IAnonymousFunctionOperation lambda, out HandlerKind kind, out IInvocationOperation? registration)
    {
        kind = HandlerKind.None;
        registration = null;
        var isRequestDelegate = lambda.Parent is IDelegateCreationOperation { Type: { } delegateType } && Is(delegateType, MetadataNames.RequestDelegate);
        var current = lambda.WithEnclosingDelegateCreation();
        var parent = current.Parent;

        if (parent is IArgumentOperation argument && IsHandlerArgument(argument, out kind))
        {
            registration = argument.Parent as IInvocationOperation;
            return true;
        }

        // Func<string, int> handler = msg => ...; app.MapPost("/log", handler);
        if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol: { } local } declarator }
            && IsPassedAsHandler(declarator, local, out kind, out registration))
        {
            return true;
        }

        if (!isRequestDelegate)
        {
            return false;
        }

        for (var outer = current.Parent; outer is not null; outer = outer.Parent)
        {
            if (outer is IAnonymousFunctionOperation factory)
            {
                var factoryParent = factory.WithEnclosingDelegateCreation().Parent;

                if (factoryParent is IArgumentOperation factoryArgument && IsMiddlewareFactoryArgument(factoryArgument))
                {
                    kind = HandlerKind.MiddlewareDelegate;
                    registration = factoryArgument.Parent as IInvocationOperation;
                    return true;
                }

                return false;
            }
        }

        return false;
    }

    /// <summary>True when a local holding a lambda is passed as the handler argument of a registration in the same body.</summary>
    private bool IsPassedAsHandler(IOperation declarator, ILocalSymbol local, out HandlerKind kind, out IInvocationOperation? registration)
    {
        kind = HandlerKind.None;
        registration = null;
        var root = declarator;
        while (root.Parent is { } up)
        {
            root = up;
        }

        foreach (var operation in root.Descendants())
        {
            if (operation is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                continue;
            }

            var parent = reference.WithEnclosingDelegateCreation().Parent;

            if (parent is IArgumentOperation argument && IsHandlerArgument(argument, out kind))
            {
                registration = argument.Parent as IInvocationOperation;
                return true;
            }
        }

        return false;
    }

    private bool Is(ITypeSymbol? type, string metadataName) =>
        type is not null && _types.Get(metadataName) is { } known && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);
}
