using System;

namespace Stateless.Runtime;

/// <summary>An access token just issued. Converts implicitly to its <see cref="Token"/> string.</summary>
public sealed class IssuedAccessToken
{
    /// <summary>Creates the value.</summary>
    public IssuedAccessToken(string token, string tokenId, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        Token = token;
        TokenId = tokenId;
        ExpiresAt = expiresAt;
    }

    /// <summary>The compact JWS.</summary>
    public string Token { get; }

    /// <summary>Its <c>jti</c>: what <see cref="IJtiDenylist.RevokeAsync"/> takes.</summary>
    public string TokenId { get; }

    /// <summary>Its <c>exp</c>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The token string.</summary>
    public static implicit operator string(IssuedAccessToken issued) => issued?.Token!;

    /// <summary>The token string.</summary>
    public string ToToken() => Token;

    /// <summary>Describes the token without its content.</summary>
    public override string ToString() => $"Access token {TokenId}, expires {ExpiresAt:O}";
}
