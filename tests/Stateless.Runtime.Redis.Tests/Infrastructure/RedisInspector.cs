using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests.Infrastructure;

/// <summary>Reads everything under a prefix, keys and values, as raw bytes (tests may SCAN; the store never does).</summary>
public static class RedisInspector
{
    /// <summary>One key with its type, its remaining time to live and every byte string it holds.</summary>
    public sealed record Entry(string Key, RedisType Type, TimeSpan? TimeToLive, long PTtl, IReadOnlyList<byte[]> Values);

    /// <summary>Every key whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<IReadOnlyList<Entry>> DumpAsync(IConnectionMultiplexer redis, string prefix)
    {
        var server = redis.GetServers().Single();
        var db = redis.GetDatabase();
        var entries = new List<Entry>();
        await foreach (var key in server.KeysAsync(pattern: RedisPattern(prefix) + "*", pageSize: 500))
        {
            var type = await db.KeyTypeAsync(key);
            var pttl = (long)await db.ExecuteAsync("PTTL", key);
            var values = new List<byte[]>();
            switch (type)
            {
                case RedisType.String:
                    values.Add((byte[])(await db.StringGetAsync(key))!);
                    break;
                case RedisType.Hash:
                    foreach (var field in await db.HashGetAllAsync(key))
                    {
                        values.Add((byte[])field.Name!);
                        values.Add((byte[])field.Value!);
                    }

                    break;
                case RedisType.SortedSet:
                    foreach (var member in await db.SortedSetRangeByRankWithScoresAsync(key))
                    {
                        values.Add((byte[])member.Element!);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"Unexpected key type {type} at {key}.");
            }

            entries.Add(new Entry(key!, type, await db.KeyTimeToLiveAsync(key), pttl, values));
        }

        return entries;
    }

    private static string RedisPattern(string prefix)
    {
        var escaped = new System.Text.StringBuilder();
        foreach (char c in prefix)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
