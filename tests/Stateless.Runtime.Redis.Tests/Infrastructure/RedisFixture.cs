using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests.Infrastructure;

/// <summary>
/// One redis-server for the whole test assembly (a collection fixture shared by every class in
/// <see cref="RedisCollection"/>), and connections to it. Each <see cref="Connect"/> is a separate
/// <see cref="ConnectionMultiplexer"/>: its own sockets, as a separate replica of a service would have. Tests keep
/// apart by key prefix (<see cref="NewPrefix"/>), never by flushing.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly List<ConnectionMultiplexer> _connections = new();
    private RedisServerProcess? _server;
    private ConnectionMultiplexer? _shared;
    private int _prefixes;

    /// <summary>The shared server.</summary>
    public RedisServerProcess Server => _server ?? throw new InvalidOperationException("The server is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await RedisServerProcess.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        List<ConnectionMultiplexer> connections;
        lock (_connections)
        {
            connections = new List<ConnectionMultiplexer>(_connections);
            _connections.Clear();
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>One connection shared by tests that need only one (made on first use).</summary>
    public ConnectionMultiplexer Shared
    {
        get
        {
            lock (_connections)
            {
                return _shared ??= Connect();
            }
        }
    }

    /// <summary>A key prefix no other test uses.</summary>
    public string NewPrefix(string name = "t") => $"test:{name}:{Interlocked.Increment(ref _prefixes)}:{Guid.NewGuid():N}:";

    /// <summary>A new, separate connection to the shared server (one "replica"); disposed with the fixture.</summary>
    public ConnectionMultiplexer Connect() => Connect(Server);

    /// <summary>A new connection to <paramref name="server"/> with short timeouts, so an outage fails in seconds.</summary>
    public ConnectionMultiplexer Connect(RedisServerProcess server, Action<ConfigurationOptions>? configure = null)
    {
        var options = Options(server.EndPoint);
        configure?.Invoke(options);
        var connection = ConnectionMultiplexer.Connect(options);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    /// <summary>Connection options used by every test connection: loopback, short timeouts, admin commands allowed.</summary>
    public static ConfigurationOptions Options(string endPoint)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            AllowAdmin = true,
            ConnectTimeout = 2000,
            SyncTimeout = 2000,
            AsyncTimeout = 2000,
            ConnectRetry = 1,
            ClientName = "stateless-tests",
        };
        options.EndPoints.Add(endPoint);
        return options;
    }
}

/// <summary>Every test class that talks to Redis belongs here and shares one server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "redis";
}
