namespace Stateless.Analyzers.Infrastructure;

internal static partial class MetadataNames
{
    public const string GrpcBindServiceMethodAttribute = "Grpc.Core.BindServiceMethodAttribute";
    public const string FunctionsWorkerFunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";
    public const string WebJobsFunctionNameAttribute = "Microsoft.Azure.WebJobs.FunctionNameAttribute";
    public const string MediatRRequestHandler = "MediatR.IRequestHandler`2";
    public const string MediatRRequestHandlerNoResponse = "MediatR.IRequestHandler`1";
    public const string MediatRNotificationHandler = "MediatR.INotificationHandler`1";
    public const string MassTransitConsumer = "MassTransit.IConsumer`1";
}
