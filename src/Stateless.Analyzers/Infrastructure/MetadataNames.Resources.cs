namespace Stateless.Analyzers.Infrastructure;

internal static partial class MetadataNames
{
    /// <summary>
    /// Handles to external systems and process-wide synchronisation primitives. A field of one of these that is
    /// opened lazily or reopened after a failure (<c>_connection ??= factory.CreateConnection()</c>) holds a
    /// resource of the process, not a client's state.
    /// </summary>
    public static readonly string[] ProcessResourceTypes =
    {
        "System.Net.Http.HttpMessageInvoker",
        "System.Net.Http.HttpMessageHandler",
        "System.Data.IDbConnection",
        "System.Data.Common.DbConnection",
        "System.Data.Common.DbDataSource",
        "System.Net.Sockets.Socket",
        "System.Net.WebSockets.WebSocket",
        "System.IO.FileSystemWatcher",
        "System.Diagnostics.Process",
        "System.Threading.Thread",
        "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.UdpClient",
        "System.Threading.SemaphoreSlim",
        "System.Threading.Semaphore",
        "System.Threading.Mutex",
        "System.Threading.ReaderWriterLockSlim",
        "System.Threading.Timer",
        "System.Threading.PeriodicTimer",
        "System.Timers.Timer",
        "System.Threading.CancellationTokenSource",
        "System.Threading.Tasks.TaskCompletionSource",
        "System.Threading.Channels.Channel`1",
        "System.Threading.Channels.Channel`2",
        "StackExchange.Redis.IConnectionMultiplexer",
        "StackExchange.Redis.IDatabase",
        "StackExchange.Redis.ISubscriber",
        "Azure.Messaging.ServiceBus.ServiceBusClient",
        "Azure.Messaging.ServiceBus.ServiceBusSender",
        "Azure.Messaging.ServiceBus.ServiceBusReceiver",
        "Azure.Messaging.ServiceBus.ServiceBusProcessor",
        "Azure.Messaging.ServiceBus.Administration.ServiceBusAdministrationClient",
        "RabbitMQ.Client.IConnection",
        "RabbitMQ.Client.IChannel",
        "RabbitMQ.Client.IModel",
        "RabbitMQ.Client.IConnectionFactory",
        "MongoDB.Driver.IMongoClient",
        "MongoDB.Driver.IMongoDatabase",
        "MongoDB.Driver.IMongoCollection`1",
        "Grpc.Net.Client.GrpcChannel",
        "Grpc.Core.ChannelBase",
        "Microsoft.AspNetCore.SignalR.Client.HubConnection",
        "Confluent.Kafka.IProducer`2",
        "Confluent.Kafka.IConsumer`2",
        "Microsoft.Azure.Cosmos.CosmosClient",
        "Microsoft.Azure.Cosmos.Container",
        "Azure.Storage.Blobs.BlobServiceClient",
        "Azure.Storage.Blobs.BlobContainerClient",
        "NATS.Client.IConnection",
        "Elastic.Clients.Elasticsearch.ElasticsearchClient",
        "Nest.IElasticClient",
    };

    /// <summary>
    /// Name endings of client, connection and channel types of other libraries: a type from a referenced assembly,
    /// named like this and disposable, is a handle to an external system.
    /// </summary>
    public static readonly string[] ProcessResourceNameSuffixes =
    {
        "Client", "Connection", "Channel", "Multiplexer", "DataSource", "Producer", "Publisher",
    };

    public const string HttpClient = "System.Net.Http.HttpClient";
}
