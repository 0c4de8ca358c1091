using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime;

/// <summary>
/// The keys an issuer signs with and a verifier accepts, looked up by <c>kid</c> only. Supports planned rotation
/// (add a key with <c>activeFrom</c>, retire the old one with an overlap window) and emergency revocation.
/// </summary>
/// <remarks>
/// Thread-safe: every read works on one immutable snapshot; every change builds a new snapshot under a lock and
/// publishes it with a single reference write, so verifications running during a rotation see the ring either
/// wholly before or wholly after the change.
/// </remarks>
public sealed class SigningKeyRing
{
    private static readonly Action<ILogger, string, Exception?> s_keyRevoked = LoggerMessage.Define<string>(
        LogLevel.Warning, RuntimeEvents.KeyRevoked, "Signing key {KeyId} revoked: tokens signed with it are refused from now on");

    private static readonly Action<ILogger, string, DateTimeOffset, Exception?> s_keyRetired = LoggerMessage.Define<string, DateTimeOffset>(
        LogLevel.Information, RuntimeEvents.KeyRetired, "Signing key {KeyId} retired: no longer signs, verifies until {VerifyUntil:O}");

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _writeLock = new();
    private ImmutableDictionary<string, Entry> _entries = ImmutableDictionary.Create<string, Entry>(StringComparer.Ordinal);
    private long _order;

    /// <summary>Creates an empty ring judged by <paramref name="time"/> (default <see cref="TimeProvider.System"/>).</summary>
    public SigningKeyRing(TimeProvider? time = null)
        : this(time, null)
    {
    }

    /// <summary>Creates an empty ring that also logs retirements and revocations to <paramref name="logger"/>.</summary>
    public SigningKeyRing(TimeProvider? time, ILogger? logger)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Adds <paramref name="key"/>. It verifies at once (so a published key is accepted before it signs) and becomes
    /// the signing key from <paramref name="activeFrom"/> (default now) unless a key with a later
    /// <c>activeFrom</c> is already active.
    /// </summary>
    /// <exception cref="ArgumentException">The key has no <c>KeyId</c>, its <c>KeyId</c> is already in the ring (even retired or
    /// revoked), or it is not a supported key (HMAC secret, RSA, or EC on P-256/P-384/P-521).</exception>
    public void Add(SecurityKey key, DateTimeOffset? activeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(key.KeyId))
        {
            throw new ArgumentException("A ring key needs a KeyId: tokens name their key by kid.", nameof(key));
        }

        var material = VerificationKey.From(key);
        lock (_writeLock)
        {
            if (_entries.ContainsKey(key.KeyId))
            {
                material.Dispose();
                throw new ArgumentException($"The ring already holds a key with kid '{key.KeyId}'; kids are never reused.", nameof(key));
            }

            var entry = new Entry(key.KeyId, key, material, activeFrom ?? _time.GetUtcNow(), ++_order, RetiredAt: null, VerifyUntil: null, Revoked: false);
            Volatile.Write(ref _entries, _entries.Add(key.KeyId, entry));
        }
    }

    /// <summary>
    /// Stops signing with the key now and keeps verifying its tokens until <paramref name="verifyUntil"/> (the overlap
    /// window: at least the access-token lifetime plus the clock skew). After that instant its <c>kid</c> is unknown.
    /// Retiring again can shorten the window, never lengthen it; retiring a revoked key changes nothing.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No key with that <c>kid</c>.</exception>
    public void Retire(string keyId, DateTimeOffset verifyUntil)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        lock (_writeLock)
        {
            var entry = Find(keyId);
            if (entry.Revoked)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var until = entry.VerifyUntil is { } earlier && earlier < verifyUntil ? earlier : verifyUntil;
            Volatile.Write(ref _entries, _entries.SetItem(keyId, entry with { RetiredAt = entry.RetiredAt ?? now, VerifyUntil = until }));
            RuntimeTelemetry.KeyRetirements.Add(1);
            s_keyRetired(_logger, keyId, until, null);
        }
    }

    /// <summary>
    /// Emergency revocation after a compromise: the key stops signing and verifying at once, and its <c>kid</c>
    /// is reported as <see cref="TokenFailure.KeyRevoked"/> from then on.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No key with that <c>kid</c>.</exception>
    public void Revoke(string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        lock (_writeLock)
        {
            var entry = Find(keyId);
            if (entry.Revoked)
            {
                return;
            }

            Volatile.Write(ref _entries, _entries.SetItem(keyId, entry with { Revoked = true }));
            RuntimeTelemetry.Revocations.Add(1, new KeyValuePair<string, object?>("kind", "key"));
            s_keyRevoked(_logger, keyId, null);
        }
    }

    /// <summary>
    /// The key to sign with now: of the keys that are active (<c>activeFrom</c> reached), neither retired nor revoked,
    /// the one with the latest <c>activeFrom</c> (ties go to the later added).
    /// </summary>
    /// <exception cref="InvalidOperationException">No key is active.</exception>
    public SecurityKey CurrentSigningKey => CurrentEntry()?.Key
        ?? throw new InvalidOperationException("The signing key ring holds no active key: add one (or wait for its activeFrom).");

    /// <summary>The <c>kid</c>s the ring would verify right now.</summary>
    public IReadOnlyCollection<string> VerifyingKeyIds
    {
        get
        {
            var now = _time.GetUtcNow();
            return Volatile.Read(ref _entries).Values.Where(e => e.CanVerify(now)).OrderBy(e => e.Order).Select(e => e.KeyId).ToArray();
        }
    }

    /// <summary>
    /// The public parts of every key that verifies now (including keys published ahead of their <c>activeFrom</c>
    /// and retired keys inside their window), for a JWKS endpoint. Only keys the ring would verify a token with are
    /// exported — not a weak RSA key, a key declared for encryption (<c>use: enc</c>) or without <c>verify</c> in its
    /// <c>key_ops</c> —, each with <c>use: sig</c> and, when the key declared <c>key_ops</c>, <c>key_ops: ["verify"]</c>.
    /// HMAC keys are never exported, nor any private part.
    /// </summary>
    public JsonWebKeySet ExportPublicJwks()
    {
        var now = _time.GetUtcNow();
        var set = new JsonWebKeySet();
        foreach (var entry in Volatile.Read(ref _entries).Values.Where(e => e.CanVerify(now)).OrderBy(e => e.Order))
        {
            if (entry.Material.ToPublicJwk(entry.KeyId) is { } jwk)
            {
                set.Keys.Add(jwk);
            }
        }

        return set;
    }

    /// <summary>
    /// The key a verifier may use for a token whose header names <paramref name="keyId"/> and
    /// <paramref name="algorithm"/>: the ring's key under that <c>kid</c> if it is neither revoked nor past its
    /// retirement window and fits the algorithm (type, curve, size, its own <c>alg</c>/<c>use</c>/<c>key_ops</c>); otherwise
    /// null. Never falls back to another key. For integrations such as JwtBearer's <c>IssuerSigningKeyResolver</c>.
    /// </summary>
    public SecurityKey? FindVerificationKey(string? keyId, string? algorithm)
    {
        if (string.IsNullOrEmpty(keyId) || !JwsAlgorithm.TryGet(algorithm, out var jws))
        {
            return null;
        }

        if (!Volatile.Read(ref _entries).TryGetValue(keyId, out var entry) || !entry.CanVerify(_time.GetUtcNow()))
        {
            return null;
        }

        return entry.Material.Misfit(jws) is null ? entry.Key : null;
    }

    /// <summary>Whether <paramref name="keyId"/> names a key that was revoked in an emergency.</summary>
    public bool IsRevoked(string keyId) =>
        keyId is not null && Volatile.Read(ref _entries).TryGetValue(keyId, out var entry) && entry.Revoked;

    internal Entry? CurrentEntry()
    {
        var now = _time.GetUtcNow();
        Entry? best = null;
        foreach (var entry in Volatile.Read(ref _entries).Values)
        {
            if (entry.Revoked || entry.RetiredAt is not null || entry.ActiveFrom > now)
            {
                continue;
            }

            if (best is null || entry.ActiveFrom > best.ActiveFrom || (entry.ActiveFrom == best.ActiveFrom && entry.Order > best.Order))
            {
                best = entry;
            }
        }

        return best;
    }

    /// <summary>The key under <paramref name="keyId"/> as a verifier sees it now.</summary>
    internal KeyLookup Resolve(string keyId, out VerificationKey? key)
    {
        key = null;
        if (!Volatile.Read(ref _entries).TryGetValue(keyId, out var entry))
        {
            return KeyLookup.Unknown;
        }

        if (entry.Revoked)
        {
            return KeyLookup.Revoked;
        }

        if (!entry.CanVerify(_time.GetUtcNow()))
        {
            return KeyLookup.Unknown;
        }

        key = entry.Material;
        return KeyLookup.Found;
    }

    private Entry Find(string keyId) =>
        _entries.TryGetValue(keyId, out var entry) ? entry : throw new KeyNotFoundException($"The ring holds no key with kid '{keyId}'.");

    internal sealed record Entry(string KeyId, SecurityKey Key, VerificationKey Material, DateTimeOffset ActiveFrom, long Order, DateTimeOffset? RetiredAt, DateTimeOffset? VerifyUntil, bool Revoked)
    {
        public bool CanVerify(DateTimeOffset now) => !Revoked && (VerifyUntil is null || now < VerifyUntil);
    }
}

internal enum KeyLookup
{
    Found,
    Unknown,
    Revoked,
}
