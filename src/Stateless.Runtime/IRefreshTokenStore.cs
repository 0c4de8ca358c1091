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
