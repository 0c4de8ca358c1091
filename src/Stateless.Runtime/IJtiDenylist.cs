using System;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Runtime;

/// <summary>
/// A shared list of revoked access-token ids (<c>jti</c>), consulted by <see cref="StatelessTokenVerifier"/> after
/// the signature and claims of a token pass. It revokes one token before its <c>exp</c> without keeping any
/// per-session state in the process: every replica sees the same list.
/// </summary>
/// <remarks>
/// <para>Contract every implementation keeps (the in-memory one in <see cref="InMemoryJtiDenylist"/>, a distributed one on Redis):</para>
/// <list type="bullet">
/// <item><description><b>Retention.</b> After <see cref="RevokeAsync"/> completes, <see cref="IsRevokedAsync"/> returns
/// true for that id, on every replica that shares the backend, until at least <c>expiresAt</c> +
/// <see cref="StatelessTokenDefaults.MaxClockSkew"/> (5 minutes), judged by the implementation's <see cref="TimeProvider"/>
/// (or, for a server-side expiry, by the server's clock). After that instant the entry may vanish; implementations
/// must make it vanish (a TTL or a purge) so storage is bounded by the number of live revocations, without a timer
/// or thread per entry.</description></item>
/// <item><description><b>Atomicity and idempotence.</b> <see cref="RevokeAsync"/> is one write that is visible as a whole or
/// not at all. Revoking an id twice keeps the later of the two retention ends (never shortens an entry).
/// Revoking an id whose retention end has already passed may be a no-op. Concurrent calls are safe.</description></item>
/// <item><description><b>Fail closed.</b> When the backend cannot answer, <see cref="IsRevokedAsync"/> throws (any exception
/// other than <see cref="OperationCanceledException"/> for the caller's own token); it never returns false for "don't
/// know". The verifier turns that into <see cref="TokenFailure.StoreUnavailable"/>. <see cref="RevokeAsync"/> throws
/// when the write is not known to have happened, so the caller can retry or report it.</description></item>
/// <item><description><b>Keys.</b> Ids are compared ordinally and case-sensitively, as received; null or empty ids throw
/// <see cref="ArgumentException"/>.</description></item>
/// </list>
/// </remarks>
public interface IJtiDenylist
{
    /// <summary>
    /// Revokes the token with id <paramref name="tokenId"/> until <paramref name="expiresAt"/> (its <c>exp</c>) plus
    /// <see cref="StatelessTokenDefaults.MaxClockSkew"/>.
    /// </summary>
    /// <param name="tokenId">The token's <c>jti</c>.</param>
    /// <param name="expiresAt">The token's <c>exp</c>; the entry lives until this plus the largest allowed skew.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="tokenId"/> is revoked; throws when the backend cannot tell (fail closed).</summary>
    /// <param name="tokenId">The token's <c>jti</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default);
}
