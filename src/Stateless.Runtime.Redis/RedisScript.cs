using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis;

/// <summary>
/// One Lua script, run with <c>EVALSHA</c> by its SHA-1 and, when the server answers <c>NOSCRIPT</c> (a restart, a
/// failover to a replica whose script cache is empty, a <c>SCRIPT FLUSH</c>), once more with <c>EVAL</c>, which loads it.
/// Always on the primary (<see cref="CommandFlags.DemandMaster"/>): every script reads state that decides security, and a
/// replica's answer may be stale; with no primary reachable the call throws (fail closed).
/// </summary>
internal sealed class RedisScript
{
    private readonly byte[] _sha1;

    public RedisScript(string source)
    {
        Source = source;
#pragma warning disable CA5350 // Redis names a cached script by its SHA-1; this is an identifier, not a security primitive.
        _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(source));
#pragma warning restore CA5350
    }

    /// <summary>The Lua source.</summary>
    public string Source { get; }

    /// <summary>The SHA-1 under which the server caches the script, lowercase hex.</summary>
    public string Sha1Hex => Convert.ToHexStringLower(_sha1);

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_sha1, keys, values, CommandFlags.DemandMaster).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Source, keys, values, CommandFlags.DemandMaster).ConfigureAwait(false);
        }
    }
}
