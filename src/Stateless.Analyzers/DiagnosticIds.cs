namespace Stateless.Analyzers;

/// <summary>
/// Every rule ID of the catalog. IDs are stable: never renumber or reuse one.
/// </summary>
public static class DiagnosticIds
{
    // Process state
    public const string AllowProcessStateNeedsReason = "STL1000";
    public const string MutableStaticStateInHandler = "STL1001";
    public const string HandlerWritesSharedStaticState = "STL1002";
    public const string SingletonKeepsPerClientState = "STL1003";
    public const string RouteHandlerCapturesMutableState = "STL1004";
    public const string RequestObjectKeptBeyondRequest = "STL1005";
    public const string ConstantStaticCollectionIsMutable = "STL1006";

    // Scale-out configuration
    public const string SharedStateInProcessMemory = "STL1101";
    public const string DataProtectionKeysNotShared = "STL1102";
    public const string SignalRWithoutBackplane = "STL1103";

    // Token validation
    public const string JwtAlgorithmNotPinned = "STL2001";
    public const string DangerousJwtAlgorithmSet = "STL2002";
    public const string JwtSignatureNotVerified = "STL2003";
    public const string JwtExpiryNotEnforced = "STL2004";
    public const string JwtAudienceNotValidated = "STL2005";
    public const string JwtIssuerNotValidated = "STL2006";
    public const string ExcessiveClockSkew = "STL2007";
    public const string TokensNeverCheckedForRevocation = "STL2008";
    public const string ClaimsReadFromUnvalidatedToken = "STL2009";

    // Token issuance and keys
    public const string TokenIssuedWithoutExpiry = "STL3001";
    public const string AccessTokenLifetimeTooLong = "STL3002";
    public const string TokenIssuedWithoutAudience = "STL3003";
    public const string TokenIssuedWithoutJti = "STL3004";
    public const string HardCodedSigningKey = "STL3005";
    public const string SigningKeyTooShort = "STL3006";
    public const string SecretInTokenPayload = "STL3007";
}
