using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Claims;
using System.Text;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// Where a verification's time goes (<c>--phases</c>): each step of <see cref="StatelessTokenVerifier"/> on the
/// benchmark token, timed on its own with <see cref="BatchTimer"/>, next to the raw signature and the whole call.
/// "payload + principal, then signature" against the sum of its parts shows how much slower the signature operation
/// runs next to the parsing than in the raw baseline's tight loop.
/// </summary>
internal static class VerifyPhases
{
    public static void Run(int rounds)
    {
        foreach (var algorithm in new[] { "RS256", "ES256", "HS256" })
        {
            var fixture = TokenFixture.Create(algorithm);
            var token = fixture.Token;
            int firstDot = token.IndexOf('.', StringComparison.Ordinal);
            int secondDot = token.LastIndexOf('.');
            JwsAlgorithm.TryGet(algorithm, out var jws);
            string kid = fixture.Ring.VerifyingKeyIds.Single();
            fixture.Ring.Resolve(kid, out var key);
            var header = Encoding.ASCII.GetBytes(token[..firstDot]);
            var payload = Convert.FromBase64String(Pad(token[(firstDot + 1)..secondDot]));
            var buffer = new byte[CompactJws.BufferSize(token.Length)];
            var names = new PropertyNameGuard();
            var claims = new PayloadClaims();
            var audiences = new HashSet<string>([TokenFixture.Audience], StringComparer.Ordinal);
            JwsAlgorithm[] pinned = [jws];

            bool ReadPayload()
            {
                names.Reset();
                claims.Reset();
                return claims.TryRead(payload, names, audiences);
            }

            bool Principal() => ReadPayload() && new ClaimsPrincipal(claims.BuildIdentity(TokenFixture.Issuer)).FindFirst("tenant") is not null;

            var steps = new (string Name, Func<bool> Step)[]
            {
                ("raw signature (baseline)", fixture.RawVerify),
                ("key: rent, verify, return", () => key!.Verify(jws, fixture.SigningInput, fixture.Signature)),
                ("ring lookup by kid", () => fixture.Ring.Resolve(kid, out _) == KeyLookup.Found),
                ("signature segment decode", () => Base64UrlStrict.TryDecode(token.AsSpan(secondDot + 1), buffer, out _)),
                ("header decode + read", () =>
                {
                    names.Reset();
                    return Base64UrlStrict.TryDecode(header, buffer, out int n) && JwsHeader.TryRead(buffer.AsSpan(0, n), pinned, names, out _);
                }),
                ("payload read", ReadPayload),
                ("payload + principal + FindFirst", Principal),
                ("payload + principal, then signature", () => Principal() && key!.Verify(jws, fixture.SigningInput, fixture.Signature)),
                ("whole VerifyAsync + FindFirst", () => fixture.Verifier.VerifyAsync(token).AsTask().GetAwaiter().GetResult().Principal?.FindFirst("tenant") is not null),
            };

            var (best, median) = BatchTimer.Run(steps.Select(s => (Action)(() => _ = s.Step() ? 0 : throw new InvalidOperationException(s.Name))).ToArray(), rounds);
            Console.WriteLine($"{algorithm} ({rounds} interleaved rounds; fastest batch / median batch per call):");
            for (int i = 0; i < steps.Length; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {steps[i].Name,-38} {best[i],10:0} ns {median[i],10:0} ns"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  signature next to the parsing: +{best[7] - best[6] - best[1]:0} ns over the parts; whole call / raw {best[8] / best[0]:0.00}x"));
        }
    }

    private static string Pad(string base64Url) =>
        base64Url.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (base64Url.Length % 4)) % 4);
}
