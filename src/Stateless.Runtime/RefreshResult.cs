using System;

namespace Stateless.Runtime;

/// <summary>The outcome of <see cref="RefreshTokenRotator.RotateAsync"/>.</summary>
public sealed class RefreshResult
{
    /// <summary>Creates the value.</summary>
    public RefreshResult(RefreshStatus status, IssuedRefreshToken? newToken = null, string? subject = null, string? familyId = null)
    {
        if (status == RefreshStatus.Rotated && newToken is null)
        {
            throw new ArgumentException("A rotation result carries the new token.", nameof(newToken));
        }

        Status = status;
        NewToken = status == RefreshStatus.Rotated ? newToken : null;
        Subject = subject;
        FamilyId = familyId;
    }

    /// <summary>What happened.</summary>
    public RefreshStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="RefreshStatus.Rotated"/>.</summary>
    public bool Succeeded => Status == RefreshStatus.Rotated;

    /// <summary>The successor token when <see cref="Status"/> is <see cref="RefreshStatus.Rotated"/>; otherwise null.</summary>
    public IssuedRefreshToken? NewToken { get; }

    /// <summary>The subject of the token's family, when the store knew the token.</summary>
    public string? Subject { get; }

    /// <summary>The token's family, when the token was well formed.</summary>
    public string? FamilyId { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Status} (family {FamilyId ?? "?"})";
}
