using System;
using System.Globalization;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests.Infrastructure;

/// <summary>Primary and replica pairs of real servers: start a replica of a primary, promote it, cut it off.</summary>
public static class RedisReplication
{
    /// <summary>Starts a server with <c>--replicaof</c> <paramref name="primary"/> and waits until its link is up.</summary>
    public static async Task<RedisServerProcess> StartReplicaOfAsync(RedisServerProcess primary)
    {
        var replica = await RedisServerProcess.StartAsync(null, ["--replicaof", "127.0.0.1", primary.Port.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            await using var admin = await ConnectionMultiplexer.ConnectAsync(RedisFixture.Options(replica.EndPoint));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var info = (string?)await admin.GetServer(replica.EndPoint).ExecuteAsync("INFO", "replication");
                if (info is not null && info.Contains("master_link_status:up", StringComparison.Ordinal))
                {
                    return replica;
                }

                await Task.Delay(100);
            }

            throw new InvalidOperationException("The replica did not connect to its primary.");
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>REPLICAOF NO ONE</c>: the replica becomes a primary of its own.</summary>
    public static Task PromoteAsync(RedisServerProcess replica) => ReplicaOfAsync(replica, "NO", "ONE");

    /// <summary>
    /// Breaks replication without promoting: the replica follows a primary that does not exist (port 1), so it stays a
    /// read-only replica that keeps serving the data it had — stale from now on.
    /// </summary>
    public static Task CutOffAsync(RedisServerProcess replica) => ReplicaOfAsync(replica, "127.0.0.1", "1");

    private static async Task ReplicaOfAsync(RedisServerProcess replica, string host, string port)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(RedisFixture.Options(replica.EndPoint));
        await admin.GetServer(replica.EndPoint).ExecuteAsync("REPLICAOF", host, port);
    }
}
