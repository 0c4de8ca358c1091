namespace Stateless.Runtime;

/// <summary>
/// Why <see cref="StatelessTokenVerifier"/> refused a token. Every refusal maps to exactly one value; the
/// verifier never throws for bad input.
/// </summary>
public enum TokenFailure
{
    /// <summary>The token is valid.</summary>
    None,

    /// <summary>
    /// Not a compact JWS of three base64url segments whose header and payload are JSON objects, a claim of the
    /// wrong JSON type (for example <c>exp</c> as a string), duplicate member names, a header without <c>alg</c>
    /// or a header carrying <c>crit</c> (no extension is understood, so every <c>crit</c> entry is unknown).
    /// </summary>
    Malformed,

    /// <summary>The input is longer than <see cref="StatelessTokenVerifierOptions.MaxTokenLength"/>; it was not parsed.</summary>
    TooLong,

    /// <summary>The header's <c>alg</c> is not one of the pinned algorithms (including <c>none</c> in any casing).</summary>
    AlgorithmNotAllowed,

    /// <summary>The header has no <c>kid</c>, or the ring holds no key under it (never added, or retired past its window).</summary>
    UnknownKey,

    /// <summary>The <c>kid</c> names a key that was revoked in an emergency.</summary>
    KeyRevoked,

    /// <summary>
    /// The signature does not verify with the key the ring holds under <c>kid</c>, or that key does not fit the
    /// algorithm (curve, RSA size of at least 2048 bits, HMAC size of at least 256 bits, key type).
    /// </summary>
    SignatureInvalid,

    /// <summary>One of <c>exp</c>, <c>aud</c>, <c>iss</c>, <c>jti</c> or <c>sub</c> is absent or empty.</summary>
    MissingClaim,

    /// <summary><c>exp</c> is at or before now minus the clock skew.</summary>
    Expired,

    /// <summary><c>nbf</c> (or <c>iat</c>) lies after now plus the clock skew.</summary>
    NotYetValid,

    /// <summary><c>iss</c> is not the configured issuer.</summary>
    WrongIssuer,

    /// <summary>No <c>aud</c> value is one of the configured audiences.</summary>
    WrongAudience,

    /// <summary>The token's <c>jti</c> is on the denylist.</summary>
    Revoked,

    /// <summary>The denylist could not be consulted; the token is refused (fail closed).</summary>
    StoreUnavailable,

    /// <summary>
    /// The header <c>typ</c> is not <see cref="StatelessTokenVerifierOptions.RequiredType"/> (explicit typing, RFC 8725 §3.11,
    /// RFC 9068 §4): a token of another kind — an ID token, a logout token — signed by the same issuer and key.
    /// </summary>
    WrongType,
}
