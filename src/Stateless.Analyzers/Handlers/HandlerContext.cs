using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Stateless.Analyzers.Handlers;

/// <summary>
/// The handler that a piece of code runs in: a handler type (controller, hub, ...) or a handler delegate
/// (a minimal-API route handler or a middleware delegate, as a lambda, local function or method group).
/// </summary>
internal readonly struct HandlerContext
{
    public HandlerContext(HandlerKind kind, INamedTypeSymbol? handlerType, IMethodSymbol? handlerDelegate, IInvocationOperation? registration)
    {
        Kind = kind;
        HandlerType = handlerType;
        Delegate = handlerDelegate;
        Registration = registration;
    }

    /// <summary>What kind of handler the code belongs to; <see cref="HandlerKind.None"/> when it is not handler code.</summary>
    public HandlerKind Kind { get; }

    /// <summary>The handler type, for code in a handler type's members.</summary>
    public INamedTypeSymbol? HandlerType { get; }

    /// <summary>The lambda, local function or method that is the handler, for handler delegates.</summary>
    public IMethodSymbol? Delegate { get; }

    /// <summary>The <c>Map*</c>/<c>Use*</c>/<c>Run</c> call that registers the delegate, when it was seen.</summary>
    public IInvocationOperation? Registration { get; }

    public bool IsHandler => Kind != HandlerKind.None;

    public bool IsDelegate => Kind is HandlerKind.MinimalApiRouteHandler or HandlerKind.MiddlewareDelegate;

    /// <summary>A short description for messages: <c>handler 'CartController'</c>, <c>route handler MapPost("/cart")</c>.</summary>
    public string Describe()
    {
        if (HandlerType is { } type)
        {
            return DescribeKind(Kind) + " '" + type.Name + "'";
        }

        var registration = Registration is { } call ? " " + DescribeRegistration(call) : string.Empty;
        return (Kind == HandlerKind.MinimalApiRouteHandler ? "route handler" : "middleware delegate") + registration;
    }

    private static string DescribeKind(HandlerKind kind) => kind switch
    {
        HandlerKind.Controller => "controller",
        HandlerKind.RazorPage => "page model",
        HandlerKind.SignalRHub => "hub",
        HandlerKind.MiddlewareClass => "middleware",
        HandlerKind.GrpcService => "gRPC service",
        HandlerKind.AzureFunction => "function",
        HandlerKind.MediatRHandler => "MediatR handler",
        HandlerKind.MassTransitConsumer => "consumer",
        _ => "handler",
    };

    private static string DescribeRegistration(IInvocationOperation call)
    {
        var name = call.TargetMethod.Name;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { Type.SpecialType: SpecialType.System_String } && argument.Value.ConstantValue is { HasValue: true, Value: string pattern })
            {
                return name + "(\"" + pattern + "\")";
            }
        }

        return name + "(...)";
    }
}
