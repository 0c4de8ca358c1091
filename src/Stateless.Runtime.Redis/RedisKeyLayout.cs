using System;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis;

/// <summary>
/// The key names both backends use under one prefix. Keys of one refresh-token family carry the family id as a
/// Redis Cluster hash tag (<c>{familyId}</c>), so they share a slot and one script may touch them all.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description><c>&lt;prefix&gt;jti:&lt;jti&gt;</c> — string: a revoked access token, value its retention end.</description></item>
/// <item><description><c>&lt;prefix&gt;rt:{&lt;familyId&gt;}</c> — hash: a family (subject, absolute expiry, revoked flag, current token hash).</description></item>
/// <item><description><c>&lt;prefix&gt;rt:{&lt;familyId&gt;}:&lt;tokenHash&gt;</c> — hash: one token record (expiry, spent, successor).</description></item>
/// <item><description><c>&lt;prefix&gt;rt-sub:{&lt;subject&gt;}</c> — sorted set: the subject's family ids scored by absolute expiry.</description></item>
/// </list>
/// </remarks>
internal sealed class RedisKeyLayout
{
    public const string DefaultPrefix = "stateless:";

    private readonly string _prefix;

    public RedisKeyLayout(string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        if (keyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException(
                "The key prefix must not contain '{' or '}': a hash tag in the prefix would put every key in one Redis Cluster slot.",
                nameof(keyPrefix));
        }

        _prefix = keyPrefix;
    }

    public string Prefix => _prefix;

    public RedisKey Jti(string tokenId) => _prefix + "jti:" + tokenId;

    public RedisKey Family(string familyId) => _prefix + "rt:{" + familyId + "}";

    public RedisKey Token(string familyId, string tokenHash) => _prefix + "rt:{" + familyId + "}:" + tokenHash;

    public RedisKey Subject(string subject) => _prefix + "rt-sub:{" + subject + "}";

    /// <summary>A family id is one hash tag; braces would move the tag and split the family across slots.</summary>
    public static void ValidateFamilyId(string familyId, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(familyId, paramName);
        if (familyId.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            throw new ArgumentException("A family id must not contain '{' or '}'.", paramName);
        }
    }
}
