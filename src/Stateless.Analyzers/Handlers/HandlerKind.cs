namespace Stateless.Analyzers.Handlers;

/// <summary>The kinds of code that serve one request or message (RULES.md, Handler recognition).</summary>
public enum HandlerKind
{
    None = 0,
    Controller,
    RazorPage,
    SignalRHub,
    MiddlewareClass,
    GrpcService,
    AzureFunction,
    MediatRHandler,
    MassTransitConsumer,
    MarkedHandler,
    ConfiguredHandler,
    MinimalApiRouteHandler,
    MiddlewareDelegate,
}
