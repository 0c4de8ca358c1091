namespace Stateless.Analyzers;

/// <summary>
/// Every rule ID of the catalog. IDs are stable: never renumber or reuse one.
/// </summary>
public static class DiagnosticIds
{
    // Process state
    public const string STL1000_AllowProcessStateNeedsReason = "STL1000";
    public const string STL1001_MutableStaticStateInHandler = "STL1001";
    public const string STL1002_HandlerWritesSharedStaticState = "STL1002";
    public const string STL1003_SingletonKeepsPerClientState = "STL1003";
    public const string STL1004_RouteHandlerCapturesMutableState = "STL1004";
    public const string STL1005_RequestObjectKeptBeyondRequest = "STL1005";
    public const string STL1006_ConstantStaticCollectionIsMutable = "STL1006";

    // Scale-out configuration
    public const string STL1101_SharedStateInProcessMemory = "STL1101";
    public const string STL1102_DataProtectionKeysNotShared = "STL1102";
    public const string STL1103_SignalRWithoutBackplane = "STL1103";

    // Token validation
    public const string STL2001_JwtAlgorithmNotPinned = "STL2001";
    public const string STL2002_DangerousJwtAlgorithmSet = "STL2002";
    public const string STL2003_JwtSignatureNotVerified = "STL2003";
    public const string STL2004_JwtExpiryNotEnforced = "STL2004";
    public const string STL2005_JwtAudienceNotValidated = "STL2005";
    public const string STL2006_JwtIssuerNotValidated = "STL2006";
    public const string STL2007_ExcessiveClockSkew = "STL2007";
    public const string STL2008_TokensNeverCheckedForRevocation = "STL2008";
    public const string STL2009_ClaimsReadFromUnvalidatedToken = "STL2009";

    // Token issuance and keys
    public const string STL3001_TokenIssuedWithoutExpiry = "STL3001";
    public const string STL3002_AccessTokenLifetimeTooLong = "STL3002";
    public const string STL3003_TokenIssuedWithoutAudience = "STL3003";
    public const string STL3004_TokenIssuedWithoutJti = "STL3004";
    public const string STL3005_HardCodedSigningKey = "STL3005";
    public const string STL3006_SigningKeyTooShort = "STL3006";
    public const string STL3007_SecretInTokenPayload = "STL3007";
}
