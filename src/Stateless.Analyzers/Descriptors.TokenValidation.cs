using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor STL2001_JwtAlgorithmNotPinned = new(
        DiagnosticIds.STL2001_JwtAlgorithmNotPinned,
        title: "JWT algorithm not pinned",
        messageFormat: "{0} never sets ValidAlgorithms: {1}",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A verifier should decide the algorithm itself (RFC 8725 section 3.1): a valid signature should mean 'signed with the algorithm the server issues with', not 'signed with whatever algorithm the token header names'. Without ValidAlgorithms, Microsoft.IdentityModel accepts every algorithm that fits one of the keys the parameters resolve. It never uses an RSA or ECDSA key as an HMAC secret, so the classic RS256-to-HS256 confusion does not work against an RSA-only key set; the real exposure is a key set that mixes families (a symmetric key next to an RSA one, keys from a metadata endpoint or a resolver, a key added later), where the token picks the family. Pin ValidAlgorithms to the algorithm of the signing key, for example new[] { SecurityAlgorithms.RsaSha256 }.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2001_JwtAlgorithmNotPinned));

    public static readonly DiagnosticDescriptor STL2002_DangerousJwtAlgorithmSet = new(
        DiagnosticIds.STL2002_DangerousJwtAlgorithmSet,
        title: "Dangerous JWT algorithm set",
        messageFormat: "ValidAlgorithms {0}: a forged token can choose the weaker path and still pass validation on every replica",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "ValidAlgorithms must name one algorithm family and never 'none'. 'none' accepts unsigned tokens that anyone can write. Mixing a symmetric family (HS256, HmacSha256) with an asymmetric one (RS256, PS256, ES256) lets an attacker sign an HS256 token with the server's published RSA or EC public key used as the HMAC secret: the classic algorithm-confusion forgery.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2002_DangerousJwtAlgorithmSet));

    public static readonly DiagnosticDescriptor STL2003_JwtSignatureNotVerified = new(
        DiagnosticIds.STL2003_JwtSignatureNotVerified,
        title: "JWT signature not verified",
        messageFormat: "{0}: tokens are accepted without a verified signature, so anyone can forge one with any subject, role or expiry",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A stateless service trusts the token instead of a session store, so the signature is the only thing standing between a client and any identity it wants. RequireSignedTokens = false accepts 'alg: none' tokens; a SignatureValidator that only parses the token and returns it skips verification altogether. Keep RequireSignedTokens at its default (true) and let the handler verify the signature, or call a verification API inside the delegate.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2003_JwtSignatureNotVerified));

    public static readonly DiagnosticDescriptor STL2004_JwtExpiryNotEnforced = new(
        DiagnosticIds.STL2004_JwtExpiryNotEnforced,
        title: "JWT expiry not enforced",
        messageFormat: "{0}: expired tokens are accepted, so a stolen or revoked token keeps working forever instead of until its exp",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Without server-side sessions, exp is what bounds the damage of a leaked token: a 15-minute token is useless 15 minutes after it is stolen. ValidateLifetime = false, RequireExpirationTime = false, or a LifetimeValidator that returns true or ignores 'expires' removes that bound. Keep lifetime validation on, or make the validator compare 'expires' with the clock and fail (return false or throw) when it is past.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2004_JwtExpiryNotEnforced));

    public static readonly DiagnosticDescriptor STL2005_JwtAudienceNotValidated = new(
        DiagnosticIds.STL2005_JwtAudienceNotValidated,
        title: "JWT audience not validated",
        messageFormat: "{0}: a token issued for another service by the same issuer is accepted here",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "One identity provider usually issues tokens for many APIs. If the audience is not checked, a token minted for a low-privilege service (or leaked by it) is replayed against this one. Keep ValidateAudience = true with ValidAudience/ValidAudiences, and make a custom AudienceValidator return false or throw when no expected audience is present.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2005_JwtAudienceNotValidated));

    public static readonly DiagnosticDescriptor STL2006_JwtIssuerNotValidated = new(
        DiagnosticIds.STL2006_JwtIssuerNotValidated,
        title: "JWT issuer not validated",
        messageFormat: "{0}: a token from any issuer whose key is accepted passes, including other tenants of a shared identity provider",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The issuer ties a token to the authority the service trusts. Multi-tenant providers sign tokens of every tenant with the same keys, so without an issuer check a token from an attacker's own tenant is accepted. Keep ValidateIssuer = true with ValidIssuer/ValidIssuers, and make a custom IssuerValidator throw when the issuer is not trusted instead of returning it unconditionally.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2006_JwtIssuerNotValidated));

    public static readonly DiagnosticDescriptor STL2007_ExcessiveClockSkew = new(
        DiagnosticIds.STL2007_ExcessiveClockSkew,
        title: "Excessive clock skew",
        messageFormat: "ClockSkew of {0} exceeds the allowed maximum of {1}: every token, including revoked and stolen ones, keeps working that long after its exp",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ClockSkew is added to every token's lifetime. Replicas synchronised with NTP differ by milliseconds; the default of five minutes is already generous. A skew of an hour turns a 15-minute access token into a 75-minute one and stretches how long a jti denylist entry must be kept. Keep ClockSkew at or below stateless_max_clock_skew (default 5 minutes).",
        helpLinkUri: HelpLink(DiagnosticIds.STL2007_ExcessiveClockSkew));

    public static readonly DiagnosticDescriptor STL2008_TokensNeverCheckedForRevocation = new(
        DiagnosticIds.STL2008_TokensNeverCheckedForRevocation,
        title: "Validated tokens are never checked for revocation",
        messageFormat: "This project validates JWTs but never checks them against a revocation list: a token of a logged-out user or a stolen token stays valid on every replica until its exp",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Stateless validation cannot forget a token: logout, password change or a detected theft do nothing until exp. A shared jti denylist (Stateless.Runtime.IJtiDenylist backed by Redis), a TokenReplayValidator/TokenReplayCache, or an OnTokenValidated handler that consults one closes that window for every replica at once.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2008_TokensNeverCheckedForRevocation),
        customTags: CompilationEndTag);

    public static readonly DiagnosticDescriptor STL2009_ClaimsReadFromUnvalidatedToken = new(
        DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken,
        title: "Claims read from an unvalidated token",
        messageFormat: "Claims of the token parsed by '{0}' are used without validating it first: the signature, exp, aud and iss of this token were never checked, so any client can write these claims",
        category: DiagnosticCategories.TokenValidation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "ReadJwtToken, ReadJsonWebToken, ReadToken and the JwtSecurityToken/JsonWebToken constructors only decode base64: they verify nothing. Claims taken from such a token are whatever the caller wrote. Validate the same token first (ValidateTokenAsync with its IsValid checked, or ValidateToken, which throws) or read the claims from the authenticated HttpContext.User.",
        helpLinkUri: HelpLink(DiagnosticIds.STL2009_ClaimsReadFromUnvalidatedToken));
}
