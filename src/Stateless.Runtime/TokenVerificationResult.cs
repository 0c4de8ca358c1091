using System;
using System.Security.Claims;

namespace Stateless.Runtime;

/// <summary>The outcome of <see cref="StatelessTokenVerifier.VerifyAsync"/>: valid with its principal, or one failure.</summary>
public sealed class TokenVerificationResult
{
    private TokenVerificationResult(TokenFailure failure, ClaimsPrincipal? principal, string? subject, string? tokenId, DateTimeOffset? expiresAt)
    {
        Failure = failure;
        Principal = principal;
        Subject = subject;
        TokenId = tokenId;
        ExpiresAt = expiresAt;
    }

    /// <summary>True when the token passed every check; then <see cref="Failure"/> is <see cref="TokenFailure.None"/>.</summary>
    public bool IsValid => Failure == TokenFailure.None;

    /// <summary>Why the token was refused; <see cref="TokenFailure.None"/> when valid.</summary>
    public TokenFailure Failure { get; }

    /// <summary>The token's claims when valid; otherwise null.</summary>
    public ClaimsPrincipal? Principal { get; }

    /// <summary>The <c>sub</c> claim when valid; otherwise null.</summary>
    public string? Subject { get; }

    /// <summary>
    /// The <c>jti</c> claim when valid, or when an otherwise valid token was refused as <see cref="TokenFailure.Revoked"/>
    /// or <see cref="TokenFailure.StoreUnavailable"/>; otherwise null.
    /// </summary>
    public string? TokenId { get; }

    /// <summary>The <c>exp</c> claim when valid; otherwise null.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>A valid result.</summary>
    public static TokenVerificationResult Success(ClaimsPrincipal principal, string subject, string tokenId, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(tokenId);
        return new TokenVerificationResult(TokenFailure.None, principal, subject, tokenId, expiresAt);
    }

    /// <summary>A refusal for one reason.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="failure"/> is <see cref="TokenFailure.None"/>.</exception>
    public static TokenVerificationResult Fail(TokenFailure failure, string? tokenId = null)
    {
        if (failure == TokenFailure.None)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), "A failed result needs a failure reason.");
        }

        return new TokenVerificationResult(failure, null, null, tokenId, null);
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"Valid (sub={Subject}, jti={TokenId})" : $"Invalid ({Failure})";
}
