namespace Stateless.Analyzers.Tests.TokenValidation;

/// <summary>The second half of STL2001's message, one text per key configuration: what an unpinned algorithm really risks.</summary>
internal static class PinningRisks
{
    /// <summary>No key in sight, or a key of unknown type, or a resolver.</summary>
    public const string Open = "the token's own 'alg' header picks among the algorithms of every key these parameters resolve (from configuration, a metadata endpoint or a resolver), so a key of another family added later silently widens what is accepted; pin the algorithm you issue (RFC 8725 section 3.1)";

    public const string SymmetricOnly = "every HMAC algorithm (HS256, HS384, HS512) is accepted with the symmetric key, whichever one the token names; pin the one you issue (RFC 8725 section 3.1)";

    public const string RsaOnly = "Microsoft.IdentityModel uses the RSA key only with RSA algorithms, so HS256 confusion does not apply, but every algorithm of that family is accepted and a key of another family added later widens the set; pin the algorithm you issue (RFC 8725 section 3.1)";

    public const string HmacAndRsa = "the token's own 'alg' header chooses between the HMAC and RSA keys configured here, so a token is checked with whichever key its header selects, not with the one you issue with; pin the algorithm you issue (RFC 8725 section 3.1)";
}
