namespace Stateless.Scan.Tool;

/// <summary>Which part of the readiness report a rule belongs to.</summary>
internal enum ReportSection
{
    /// <summary>State that lives in one process's memory (STL10xx).</summary>
    ProcessState,

    /// <summary>Host settings that pin state to one replica (STL11xx).</summary>
    HostSettings,

    /// <summary>Token validation and issuance (STL20xx, STL30xx).</summary>
    Tokens,
}

/// <summary>
/// For the readiness report: what loses the state a rule finds, and where that state belongs instead. State is
/// relocated, not removed: to a distributed cache, a database, the token itself, or a shared (Redis) denylist.
/// </summary>
internal sealed record RuleGuidance(ReportSection Section, string LostOn, string BelongsIn, bool BlocksReplicas)
{
    private const string EveryReplicaEvent = "restart, scale-out (other replicas never see it), rolling update";

    private static RuleGuidance Token(string fix) => new(ReportSection.Tokens, "—", fix, false);

    public static RuleGuidance For(string id) => id switch
    {
        "STL1000" => new(ReportSection.ProcessState, "—", "a reason in `[AllowProcessState(\"…\")]` saying why losing it is safe", false),
        "STL1001" or "STL1002" => new(ReportSection.ProcessState, EveryReplicaEvent, "a distributed cache (`IDistributedCache` on Redis) or the database, keyed by the client; data the client owns can travel in its token", true),
        "STL1003" => new(ReportSection.ProcessState, EveryReplicaEvent, "`IDistributedCache` (Redis) or the database, keyed by the client; keep the singleton stateless", true),
        "STL1004" => new(ReportSection.ProcessState, EveryReplicaEvent, "the database or a distributed cache; the endpoint reads and writes it per request", true),
        "STL1005" => new(ReportSection.ProcessState, "the end of the request (the object is reused or disposed), and every replica event", "nowhere beyond the request: copy the values you need, or use `IHttpContextAccessor` inside the request", true),
        "STL1006" => new(ReportSection.ProcessState, "nothing yet (never written), but its type allows writes", "an immutable type (`ImmutableArray`, `FrozenSet`, `FrozenDictionary`)", false),
        "STL1101" => new(ReportSection.HostSettings, EveryReplicaEvent + "; sessions and cached entries live in one replica", "a shared distributed cache: `AddStackExchangeRedisCache` (or SQL Server / Cosmos)", true),
        "STL1102" => new(ReportSection.HostSettings, "restart and scale-out: each replica makes its own keys, so cookies, antiforgery and protected data from another replica fail", "a shared key ring: `PersistKeysToStackExchangeRedis`, blob storage or the database (`PersistKeysTo*`)", true),
        "STL1103" => new(ReportSection.HostSettings, "scale-out: a message reaches only clients connected to the same replica", "a backplane: `AddStackExchangeRedis` or Azure SignalR Service", true),
        "STL2001" => Token("`ValidAlgorithms` pinned to the algorithm you issue"),
        "STL2002" => Token("one algorithm family in `ValidAlgorithms`, never `none`"),
        "STL2003" => Token("`RequireSignedTokens = true` and the library's own signature check"),
        "STL2004" => Token("`ValidateLifetime = true`: tokens expire, refresh tokens rotate"),
        "STL2005" => Token("`ValidateAudience = true` with the API's `ValidAudience`"),
        "STL2006" => Token("`ValidateIssuer = true` with the expected `ValidIssuer`"),
        "STL2007" => Token("a `ClockSkew` of a few minutes at most"),
        "STL2008" => Token("a shared jti denylist (`Stateless.Runtime` on Redis), checked on every validation"),
        "STL2009" => Token("a validated token: validate first, then read its claims"),
        "STL3001" => Token("an `exp` at issue time plus a short lifetime"),
        "STL3002" => Token("a short-lived access token plus refresh-token rotation"),
        "STL3003" => Token("an `aud` naming the API the token is for"),
        "STL3004" => Token("a `jti` claim (a fresh Guid) a shared denylist can revoke"),
        "STL3005" => Token("a secret store (Key Vault, environment), rotated through a key ring"),
        "STL3006" => Token("a key of at least 256 bits (`RandomNumberGenerator.GetBytes(32)`)"),
        "STL3007" => Token("the server (database), referenced by an id claim; JWS payloads are readable by anyone"),
        _ => Token("the token and its validation settings (see the rule page)"),
    };
}
