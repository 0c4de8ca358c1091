using Stateless.Runtime;

namespace StatelessShop.Auth;

/// <summary>Short-lived access tokens (15 minutes, with jti) and rotating refresh tokens, from Stateless.Runtime.</summary>
public sealed class TokenService(StatelessTokenIssuer issuer, RefreshTokenRotator refreshTokens, IJtiDenylist denylist)
{
    public async Task<TokenPair> IssueAsync(string username, CancellationToken cancellationToken)
    {
        var access = issuer.Issue(username);
        var refresh = await refreshTokens.IssueAsync(username, cancellationToken);
        return new TokenPair(access.Token, access.ExpiresAt, refresh.Token);
    }

    public async Task<TokenPair?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var result = await refreshTokens.RotateAsync(refreshToken, cancellationToken);
        if (result.Status != RefreshStatus.Rotated || result.NewToken is null || result.Subject is null)
        {
            return null; // reuse of a rotated token has revoked the whole family
        }

        var access = issuer.Issue(result.Subject);
        return new TokenPair(access.Token, access.ExpiresAt, result.NewToken.Token);
    }

    /// <summary>Revokes this access token (its jti, until it expires) and every refresh token of the user.</summary>
    public async Task LogOutEverywhereAsync(string subject, string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await denylist.RevokeAsync(tokenId, expiresAt, cancellationToken);
        await refreshTokens.RevokeSubjectAsync(subject, cancellationToken);
    }
}

public sealed record TokenPair(string Token, DateTimeOffset ExpiresAt, string RefreshToken);
