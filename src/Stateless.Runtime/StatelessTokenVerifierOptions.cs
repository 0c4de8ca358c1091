using System;
using System.Collections.Generic;
using System.Linq;

namespace Stateless.Runtime;

/// <summary>What <see cref="StatelessTokenVerifier"/> accepts. Checked once when the verifier is created.</summary>
public sealed class StatelessTokenVerifierOptions
{
    /// <summary>The only accepted <c>iss</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The accepted <c>aud</c> values; a token passes when any of its audiences is one of these.</summary>
    public required IReadOnlyCollection<string> Audiences { get; init; }

    /// <summary>
    /// The pinned algorithms, all of one family (HS*, or RS*/PS*, or ES*); <c>none</c> is never accepted. The
    /// token's <c>alg</c> must be one of these; it never chooses anything else.
    /// </summary>
    public required IReadOnlyCollection<string> Algorithms { get; init; }

    /// <summary>The keys, looked up by the token's <c>kid</c>.</summary>
    public required SigningKeyRing Keys { get; init; }

    /// <summary>Tolerance for clock differences when judging <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default 30 s; values above 5 minutes are capped at 5 minutes.</summary>
    public TimeSpan ClockSkew { get; init; } = StatelessTokenDefaults.ClockSkew;

    /// <summary>
    /// The longest input parsed, in characters. Default 8 KiB; longer input is refused as <see cref="TokenFailure.TooLong"/> unread.
    /// Values above 256 Mi characters act as 256 Mi (the verifier's working buffer is twice the token's length).
    /// </summary>
    public int MaxTokenLength { get; init; } = StatelessTokenDefaults.MaxTokenLength;

    /// <summary>
    /// The header <c>typ</c> every token must carry, e.g. <c>at+jwt</c> for OAuth access tokens (RFC 9068); null (the
    /// default) accepts any <c>typ</c> or none. Compared as a media type (RFC 7515 §4.1.9): case-insensitively, and
    /// with or without the <c>application/</c> prefix, so <c>at+jwt</c>, <c>AT+JWT</c> and <c>application/at+jwt</c> are one type.
    /// A token without <c>typ</c>, or with another, is refused as <see cref="TokenFailure.WrongType"/>.
    /// </summary>
    public string? RequiredType { get; init; }

    /// <summary>The skew actually applied: <see cref="ClockSkew"/> capped at <see cref="StatelessTokenDefaults.MaxClockSkew"/>.</summary>
    public TimeSpan EffectiveClockSkew => ClockSkew > StatelessTokenDefaults.MaxClockSkew ? StatelessTokenDefaults.MaxClockSkew : ClockSkew;

    /// <summary>Throws when the options are unusable; returns the pinned algorithms.</summary>
    internal IReadOnlyDictionary<string, JwsAlgorithm> Validate()
    {
        if (string.IsNullOrWhiteSpace(Issuer))
        {
            throw new ArgumentException("An issuer is required.", nameof(Issuer));
        }

        if (Audiences is null || Audiences.Count == 0 || Audiences.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("At least one non-empty audience is required.", nameof(Audiences));
        }

        ArgumentNullException.ThrowIfNull(Keys, nameof(Keys));
        if (ClockSkew < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ClockSkew), ClockSkew, "The clock skew cannot be negative.");
        }

        if (MaxTokenLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokenLength), MaxTokenLength, "The maximum token length must be positive.");
        }

        if (RequiredType is not null && string.IsNullOrWhiteSpace(RequiredType))
        {
            throw new ArgumentException("A required type names a media type, e.g. \"at+jwt\"; leave it null to accept any typ.", nameof(RequiredType));
        }

        return PinAlgorithms(Algorithms);
    }

    internal static Dictionary<string, JwsAlgorithm> PinAlgorithms(IReadOnlyCollection<string>? algorithms)
    {
        if (algorithms is null || algorithms.Count == 0)
        {
            throw new ArgumentException("Pin at least one algorithm, e.g. [\"ES256\"] or [\"RS256\"].", nameof(algorithms));
        }

        var pinned = new Dictionary<string, JwsAlgorithm>(StringComparer.Ordinal);
        foreach (var name in algorithms)
        {
            if (!JwsAlgorithm.TryGet(name, out var algorithm))
            {
                throw new ArgumentException(
                    string.Equals(name, "none", StringComparison.OrdinalIgnoreCase)
                        ? "The 'none' algorithm is never accepted."
                        : $"'{name}' is not a supported JWS signature algorithm (HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512; names are case-sensitive).",
                    nameof(algorithms));
            }

            pinned[name] = algorithm;
        }

        if (pinned.Values.Select(a => a.Family).Distinct().Count() > 1)
        {
            throw new ArgumentException(
                "Pin algorithms of one family only (HMAC, RSA or ECDSA): mixing HMAC with public-key algorithms enables key-confusion attacks.",
                nameof(algorithms));
        }

        return pinned;
    }
}
