using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor STL3001_TokenIssuedWithoutExpiry = new(
        DiagnosticIds.STL3001_TokenIssuedWithoutExpiry,
        title: "Token issued without expiry",
        messageFormat: "{0} has no expiry (exp): a stateless verifier accepts it forever, so a leaked token can only be stopped by rotating the signing key for every user",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A replica that verifies tokens without shared state can only refuse a token by its signature, its claims and the clock. Without exp, a stolen token is valid until the signing key is rotated, which logs out every user. Set an expiry no later than the access-token budget (stateless_max_access_token_lifetime), or issue tokens with Stateless.Runtime's StatelessTokenIssuer, which always sets exp.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3001_TokenIssuedWithoutExpiry));

    public static readonly DiagnosticDescriptor STL3002_AccessTokenLifetimeTooLong = new(
        DiagnosticIds.STL3002_AccessTokenLifetimeTooLong,
        title: "Access-token lifetime too long",
        messageFormat: "Access token lives {0}, beyond the {1} budget: a stolen token stays valid for its whole lifetime (worst-case exposure = TTL = {0}), while refreshes cost only N/TTL ({2} per 1,000,000 sessions at {0}, {3} at {1}); shorten the lifetime and rely on refresh",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "With pure stateless verification a stolen access token lives until its exp, so the lifetime is the worst-case exposure; the price of a short lifetime is refresh load N/TTL. Pick the smallest lifetime the refresh path sustains (TTL >= N / Q_max). The budget is stateless_max_access_token_lifetime (default 60 minutes). Stateless.Runtime's StatelessTokenIssuer issues 15-minute tokens by default and TokenLifetimePlanner computes the trade-off.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3002_AccessTokenLifetimeTooLong));

    public static readonly DiagnosticDescriptor STL3003_TokenIssuedWithoutAudience = new(
        DiagnosticIds.STL3003_TokenIssuedWithoutAudience,
        title: "Token issued without audience",
        messageFormat: "{0} has no audience (aud): any service that trusts the same issuer and key will accept it, so a token minted for one API can be replayed against another",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Stateless verifiers decide from the token alone; the aud claim is what tells an API that a token was meant for it. Without it, every service sharing the issuer and signing key accepts every token. Set Audience (or audience:) or issue tokens with Stateless.Runtime's StatelessTokenIssuer, which always sets aud.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3003_TokenIssuedWithoutAudience));

    public static readonly DiagnosticDescriptor STL3004_TokenIssuedWithoutJti = new(
        DiagnosticIds.STL3004_TokenIssuedWithoutJti,
        title: "Token issued without jti",
        messageFormat: "{0} has no token id (jti): a stateless verifier can only revoke a single token through a jti denylist, so this token cannot be revoked before it expires",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The only per-token revocation a stateless fleet can afford is a small shared denylist of token ids (jti) kept until the token's exp. Without a jti, logging out or reacting to a theft means waiting for expiry or rotating the key. Add a jti claim with a fresh Guid, or issue tokens with Stateless.Runtime's StatelessTokenIssuer and check IJtiDenylist when verifying.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3004_TokenIssuedWithoutJti));

    /// <summary>STL3005's consequence for a key that signs (or may sign) tokens.</summary>
    public const string SigningKeyConsequence = "mint valid tokens for every replica";

    /// <summary>STL3005's consequence for a key handed straight to an encryption use (it cannot sign there).</summary>
    public const string EncryptionKeyConsequence = "decrypt every token encrypted with it and read its claims";

    public static readonly DiagnosticDescriptor STL3005_HardCodedSigningKey = new(
        DiagnosticIds.STL3005_HardCodedSigningKey,
        title: "Hard-coded signing key",
        messageFormat: "{0} is built from {1}: the key ships with the source and every binary, cannot be rotated per environment, and lets anyone who reads it {2}",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every replica must share the signing key, but through configuration or a secret store, not through the source. A key in the code is in every clone, build and container image, is the same in every environment, and cannot be rotated without a release. Load keys from configuration, a secret store or key vault, and rotate them with Stateless.Runtime's SigningKeyRing.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3005_HardCodedSigningKey));

    public static readonly DiagnosticDescriptor STL3006_SigningKeyTooShort = new(
        DiagnosticIds.STL3006_SigningKeyTooShort,
        title: "Signing key too short",
        messageFormat: "HMAC signing key is {0} bits ({1}); HMAC-SHA256 needs at least 256 bits, and a shorter shared key can be brute-forced offline from any one token",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An HMAC key shorter than the hash output weakens the signature, and a token is all an attacker needs to brute-force the key offline; with the key they can mint tokens every replica accepts. Use at least 32 random bytes (RandomNumberGenerator.GetBytes(32)) stored in configuration or a secret store; Stateless.Runtime's SigningKeyRing refuses shorter HMAC keys.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3006_SigningKeyTooShort));

    public static readonly DiagnosticDescriptor STL3007_SecretInTokenPayload = new(
        DiagnosticIds.STL3007_SecretInTokenPayload,
        title: "Secret in token payload",
        messageFormat: "Claim '{0}' puts {1} into the token payload: a signed JWT is only base64url-encoded, so anyone holding the token (browser, proxy, log) can read it",
        category: DiagnosticCategories.TokenIssuance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A stateless token carries its claims to every replica, and to everyone else who sees the token: a JWS payload is signed, not encrypted. Passwords, password hashes, API keys, private keys, social security and card numbers must never be claims. Put an identifier in the token and look the data up on the server.",
        helpLinkUri: HelpLink(DiagnosticIds.STL3007_SecretInTokenPayload));
}
