using System;

namespace Stateless.Runtime;

/// <summary>The defaults and hard limits shared by the verifier, the issuer and the denylists.</summary>
public static class StatelessTokenDefaults
{
    /// <summary>The clock skew a verifier allows unless configured: 30 seconds.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest clock skew any verifier may allow: 5 minutes. A denylist keeps each entry until the token's
    /// <c>exp</c> plus this much, so a revoked token presented just after <c>exp</c>, inside any allowed skew, is still refused.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The longest token a verifier parses unless configured: 8 KiB.</summary>
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>The access-token lifetime an issuer uses unless configured: 15 minutes.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The header <c>typ</c> an issuer stamps unless configured: <c>at+jwt</c>, the media type of OAuth 2.0 JWT access tokens (RFC 9068).</summary>
    public const string AccessTokenType = "at+jwt";
}
