using System;

namespace Stateless.Runtime;

/// <summary>What <see cref="StatelessTokenIssuer"/> puts in every token.</summary>
public sealed class StatelessTokenIssuerOptions
{
    /// <summary>The <c>iss</c> claim.</summary>
    public required string Issuer { get; init; }

    /// <summary>The <c>aud</c> claim.</summary>
    public required string Audience { get; init; }

    /// <summary>The signing algorithm (the <c>alg</c> header), e.g. <c>ES256</c>; must fit the ring's current key.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The ring; tokens are signed with <see cref="SigningKeyRing.CurrentSigningKey"/> and name it in <c>kid</c>.</summary>
    public required SigningKeyRing Keys { get; init; }

    /// <summary>How long a token is valid. Default 15 minutes; see <see cref="TokenLifetimePlanner"/> for the trade-off.</summary>
    public TimeSpan Lifetime { get; init; } = StatelessTokenDefaults.AccessTokenLifetime;

    /// <summary>
    /// The header <c>typ</c>. Default <c>at+jwt</c> (<see cref="StatelessTokenDefaults.AccessTokenType"/>, RFC 9068 §2.1), so a
    /// verifier with <see cref="StatelessTokenVerifierOptions.RequiredType"/> tells these access tokens from any other JWT
    /// the same key signs. Set <c>JWT</c> only for verifiers that cannot accept anything else.
    /// </summary>
    public string Type { get; init; } = StatelessTokenDefaults.AccessTokenType;
}
