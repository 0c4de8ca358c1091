using System;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Stateless.Runtime;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// One key, one token and three ways of checking it, all with the same settings: the pinned algorithm, issuer,
/// audience, lifetime with a 30 s skew, and the same key. The token is minted by <see cref="StatelessTokenIssuer"/>
/// (exp, iat, nbf, aud, iss, jti, sub and two extra claims), so both verifiers see the same bytes.
/// </summary>
public sealed class TokenFixture
{
    public const string Issuer = "https://issuer.bench";
    public const string Audience = "bench-api";

    private TokenFixture(string algorithm, SecurityKey signingKey, SecurityKey publicKey, byte[]? hmacSecret, AsymmetricAlgorithm? rawVerifier)
    {
        Algorithm = algorithm;
        Ring = new SigningKeyRing();
        Ring.Add(signingKey);
        var issuer = new StatelessTokenIssuer(new StatelessTokenIssuerOptions { Issuer = Issuer, Audience = Audience, Algorithm = algorithm, Keys = Ring, Lifetime = TimeSpan.FromMinutes(15) });
        Token = issuer.Issue("user-42", [new System.Security.Claims.Claim("role", "reader"), new System.Security.Claims.Claim("tenant", "t-7")]).Token;

        Verifier = new StatelessTokenVerifier(new StatelessTokenVerifierOptions
        {
            Issuer = Issuer,
            Audiences = [Audience],
            Algorithms = [algorithm],
            Keys = Ring,
            ClockSkew = TimeSpan.FromSeconds(30),
        });

        Handler = new JsonWebTokenHandler();
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            ValidAlgorithms = [algorithm],
            IssuerSigningKey = publicKey,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = false,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        int secondDot = Token.LastIndexOf('.');
        SigningInput = Encoding.ASCII.GetBytes(Token, 0, secondDot);
        Signature = Base64UrlEncoder.DecodeBytes(Token[(secondDot + 1)..]);
        HmacSecret = hmacSecret;
        RawVerifier = rawVerifier;
    }

    public string Algorithm { get; }

    public SigningKeyRing Ring { get; }

    public string Token { get; }

    public StatelessTokenVerifier Verifier { get; }

    public JsonWebTokenHandler Handler { get; }

    public TokenValidationParameters Parameters { get; }

    /// <summary>The ASCII bytes of "header.payload": what the signature covers.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public byte[]? HmacSecret { get; }

    /// <summary>A public-key-only RSA or ECDsa instance for the raw floor (null for HMAC).</summary>
    public AsymmetricAlgorithm? RawVerifier { get; }

    public static TokenFixture Create(string algorithm)
    {
        switch (algorithm)
        {
            case "RS256":
            {
                var rsa = RSA.Create(2048);
                var publicRsa = RSA.Create();
                publicRsa.ImportParameters(rsa.ExportParameters(false));
                var signing = new RsaSecurityKey(rsa) { KeyId = "rs-1" };
                var verifying = new RsaSecurityKey(publicRsa) { KeyId = "rs-1" };
                var raw = RSA.Create();
                raw.ImportParameters(rsa.ExportParameters(false));
                return new TokenFixture(algorithm, signing, verifying, null, raw);
            }

            case "ES256":
            {
                var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var publicEc = ECDsa.Create(ec.ExportParameters(false));
                var signing = new ECDsaSecurityKey(ec) { KeyId = "es-1" };
                var verifying = new ECDsaSecurityKey(publicEc) { KeyId = "es-1" };
                var raw = ECDsa.Create(ec.ExportParameters(false));
                return new TokenFixture(algorithm, signing, verifying, null, raw);
            }

            case "HS256":
            {
                var secret = RandomNumberGenerator.GetBytes(32);
                var key = new SymmetricSecurityKey(secret) { KeyId = "hs-1" };
                return new TokenFixture(algorithm, key, key, secret, null);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "RS256, ES256 or HS256");
        }
    }

    /// <summary>The floor: only the signature operation over the same signing input, nothing parsed.</summary>
    public bool RawVerify()
    {
        switch (RawVerifier)
        {
            case RSA rsa:
                return rsa.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            case ECDsa ec:
                return ec.VerifyData(SigningInput, Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            default:
                Span<byte> mac = stackalloc byte[32];
                HMACSHA256.HashData(HmacSecret, SigningInput, mac);
                return CryptographicOperations.FixedTimeEquals(mac, Signature);
        }
    }
}
