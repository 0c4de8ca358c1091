using System;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Runtime;

/// <summary>
/// Where <see cref="RefreshTokenRotator"/> keeps refresh-token families. The store never sees a token: it receives
/// SHA-256 hashes (<see cref="RefreshTokenRecord.TokenHash"/>) and, for the grace-period retry, the successor sealed
/// with a key derived from its predecessor (which the store cannot open). All judgement of time uses the
/// <c>now</c> the rotator passes in, so every replica agrees and tests can move the clock.
/// </summary>
/// <remarks>
/// <para><b>Data model.</b> A <em>family</em> (<see cref="RefreshTokenFamily"/>: id, subject, absolute expiry, revoked flag)
/// holds a chain of token records (<see cref="RefreshTokenRecord"/>), each either <em>current</em> or <em>spent</em>
/// (rotated, remembering when, its successor's hash and sealed successor). A subject index maps a subject to its
/// families. Every token string starts with its family id, so a distributed backend can lay out one family's keys
/// under one hash slot (e.g. Redis <c>{familyId}</c> hash tags) and run <see cref="RotateAsync"/> as one
/// server-side script.</para>
/// <para><b>Atomicity.</b> <see cref="RotateAsync"/> is one indivisible step: its read of the presented record and
/// family and all of its writes (spend + insert successor, or revoke family) happen with no other operation on
/// the same family interleaved (a lock, a transaction, or one Lua script). Consequently, of any number of
/// concurrent calls presenting the same current token, exactly one returns <see cref="RefreshRotationOutcome.Rotated"/>;
/// each other call sees the token spent and returns <see cref="RefreshRotationOutcome.GraceReplay"/> (only inside
/// the grace period) or <see cref="RefreshRotationOutcome.ReuseDetected"/> (having revoked the family in the same
/// step). <see cref="CreateFamilyAsync"/>, <see cref="RevokeFamilyAsync"/> are each atomic per family;
/// <see cref="RevokeSubjectAsync"/> is atomic per family it touches and covers every family created before it began.</para>
/// <para><b>Failures.</b> A store that cannot complete an operation throws (any exception other than
/// <see cref="OperationCanceledException"/> for the caller's token); the rotator reports
/// <see cref="RefreshStatus.StoreUnavailable"/>. A throw must mean "nothing or everything was written", never a half step.</para>
/// <para><b>Retention.</b> A record may be deleted once its own <see cref="RefreshTokenRecord.ExpiresAt"/> and its family's
/// <see cref="RefreshTokenFamily.AbsoluteExpiresAt"/> have both passed (a spent record must survive until its own
/// expiry so its reuse is still detected); a revoked family's marker until its absolute expiry. Storage is thereby
/// bounded by live families.</para>
/// </remarks>
public interface IRefreshTokenStore
{
    /// <summary>Stores a new family and its first (current) token atomically. Throws when the family id already exists.</summary>
    ValueTask CreateFamilyAsync(RefreshTokenFamily family, RefreshTokenRecord firstToken, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one atomic rotate-and-check step. With no other operation on the family interleaved, it:
    /// <list type="number">
    /// <item><description>finds the record whose hash is <see cref="RefreshRotationRequest.PresentedTokenHash"/> in family
    /// <see cref="RefreshRotationRequest.FamilyId"/>; none → <see cref="RefreshRotationOutcome.NotFound"/>;</description></item>
    /// <item><description><c>now</c> at or after the family's absolute expiry → <see cref="RefreshRotationOutcome.Expired"/>;</description></item>
    /// <item><description>record spent: if the family is not revoked, <see cref="RefreshRotationRequest.ReuseGracePeriod"/> is
    /// positive, the record holds a sealed successor (a rotation made without a grace period stores none, and its replay is
    /// reuse whatever grace period the replaying replica has), <c>now</c> is at most that long after the record was spent,
    /// and its successor is still current (not itself spent) and unexpired → <see cref="RefreshRotationOutcome.GraceReplay"/> with the record's sealed successor and the
    /// successor's expiry, writing nothing; otherwise revoke the family (every token of it, the newest included; a no-op
    /// when already revoked) → <see cref="RefreshRotationOutcome.ReuseDetected"/>. A spent token is always reported as
    /// reuse, so of N concurrent presentations of one current token exactly one is <see cref="RefreshRotationOutcome.Rotated"/>
    /// and N−1 are <see cref="RefreshRotationOutcome.ReuseDetected"/> (grace period zero);</description></item>
    /// <item><description>family revoked → <see cref="RefreshRotationOutcome.Revoked"/>;</description></item>
    /// <item><description><c>now</c> at or after the record's own expiry → <see cref="RefreshRotationOutcome.Expired"/>;</description></item>
    /// <item><description>record current: mark it spent at <c>now</c> with the successor's hash and
    /// <see cref="RefreshRotationRequest.SealedSuccessor"/>, insert <see cref="RefreshRotationRequest.Successor"/> as the family's
    /// current token with its expiry capped at the family's absolute expiry → <see cref="RefreshRotationOutcome.Rotated"/>
    /// with that capped expiry.</description></item>
    /// </list>
    /// Every outcome except <see cref="RefreshRotationOutcome.NotFound"/> carries the family's subject.
    /// </summary>
    ValueTask<RefreshRotationResult> RotateAsync(RefreshRotationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Marks the family revoked atomically: no token of it rotates again. False when the family is unknown.</summary>
    ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Revokes every family of <paramref name="subject"/> ("log out everywhere"); returns how many were revoked.</summary>
    ValueTask<int> RevokeSubjectAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>One login's chain of refresh tokens, as a store keeps it.</summary>
public sealed class RefreshTokenFamily
{
    /// <summary>The family's random id (base64url, 128 bits); the prefix of each of its tokens.</summary>
    public required string FamilyId { get; init; }

    /// <summary>The user or client the family was issued to.</summary>
    public required string Subject { get; init; }

    /// <summary>When the family was started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the family stops rotating, however often it rotated (<see cref="RefreshTokenOptions.AbsoluteLifetime"/>).</summary>
    public required DateTimeOffset AbsoluteExpiresAt { get; init; }
}

/// <summary>One refresh token, as a store keeps it: its hash, never the token.</summary>
public sealed class RefreshTokenRecord
{
    /// <summary>SHA-256 of the token's UTF-8 bytes, base64url without padding (see <see cref="RefreshTokenHasher.Hash"/>).</summary>
    public required string TokenHash { get; init; }

    /// <summary>The family the token belongs to.</summary>
    public required string FamilyId { get; init; }

    /// <summary>When the token was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the token stops rotating (before any cap by the family's absolute expiry).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>The input of <see cref="IRefreshTokenStore.RotateAsync"/>.</summary>
public sealed class RefreshRotationRequest
{
    /// <summary>The family id taken from the presented token's prefix.</summary>
    public required string FamilyId { get; init; }

    /// <summary>SHA-256 of the presented token (see <see cref="RefreshTokenHasher.Hash"/>).</summary>
    public required string PresentedTokenHash { get; init; }

    /// <summary>The successor to insert when the presented token is current; <see cref="RefreshTokenRecord.FamilyId"/> equals <see cref="FamilyId"/>.</summary>
    public required RefreshTokenRecord Successor { get; init; }

    /// <summary>
    /// The successor token sealed (AES-GCM) under a key derived from the presented token, kept with the spent record
    /// and returned for a grace-period retry. Opaque to the store, which cannot open it without the presented token.
    /// </summary>
    public required ReadOnlyMemory<byte> SealedSuccessor { get; init; }

    /// <summary>The instant of the request, from the rotator's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>How long after its rotation a spent token may be replayed to receive its successor; zero disables.</summary>
    public required TimeSpan ReuseGracePeriod { get; init; }
}

/// <summary>What <see cref="IRefreshTokenStore.RotateAsync"/> did.</summary>
public enum RefreshRotationOutcome
{
    /// <summary>The presented token was current; it is spent and the successor is current.</summary>
    Rotated,

    /// <summary>The presented token was spent inside the grace period; its sealed successor is returned, nothing written.</summary>
    GraceReplay,

    /// <summary>The presented token was spent; the family is now revoked.</summary>
    ReuseDetected,

    /// <summary>No record with that hash in that family.</summary>
    NotFound,

    /// <summary>The token's or the family's lifetime has ended.</summary>
    Expired,

    /// <summary>The family is revoked.</summary>
    Revoked,
}

/// <summary>The output of <see cref="IRefreshTokenStore.RotateAsync"/>.</summary>
public sealed class RefreshRotationResult
{
    /// <summary>What the store did.</summary>
    public required RefreshRotationOutcome Outcome { get; init; }

    /// <summary>The family's subject; null only for <see cref="RefreshRotationOutcome.NotFound"/>.</summary>
    public string? Subject { get; init; }

    /// <summary>
    /// For <see cref="RefreshRotationOutcome.Rotated"/>: the inserted successor's expiry (capped by the family's absolute expiry).
    /// For <see cref="RefreshRotationOutcome.GraceReplay"/>: the existing successor's expiry.
    /// </summary>
    public DateTimeOffset? SuccessorExpiresAt { get; init; }

    /// <summary>For <see cref="RefreshRotationOutcome.GraceReplay"/>: the sealed successor stored at the rotation.</summary>
    public ReadOnlyMemory<byte> SealedSuccessor { get; init; }
}
