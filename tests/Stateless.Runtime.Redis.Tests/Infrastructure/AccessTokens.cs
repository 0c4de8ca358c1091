using System;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Stateless.Runtime.Redis.Tests.Infrastructure;

/// <summary>An ES256 key ring, an issuer and verifier options over it, for tests that need real access tokens.</summary>
public sealed class AccessTokens : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public AccessTokens(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Ring = new SigningKeyRing(Time);
        Ring.Add(new ECDsaSecurityKey(_key) { KeyId = "ec-1" });
        Issuer = new StatelessTokenIssuer(
            new StatelessTokenIssuerOptions { Issuer = "https://issuer.test", Audience = "api", Algorithm = "ES256", Keys = Ring },
            Time);
    }

    public TimeProvider Time { get; }

    public SigningKeyRing Ring { get; }

    public StatelessTokenIssuer Issuer { get; }

    public StatelessTokenVerifierOptions VerifierOptions => new()
    {
        Issuer = "https://issuer.test",
        Audiences = ["api"],
        Algorithms = ["ES256"],
        Keys = Ring,
    };

    /// <summary>A verifier (one replica's) that consults <paramref name="denylist"/>.</summary>
    public StatelessTokenVerifier Verifier(IJtiDenylist denylist) => new(VerifierOptions, denylist, Time);

    public void Dispose() => _key.Dispose();
}
