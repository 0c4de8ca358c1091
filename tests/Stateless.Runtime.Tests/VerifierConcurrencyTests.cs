using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Stateless.Runtime;

namespace Stateless.Runtime.Tests;

/// <summary>
/// The verifier reuses per-thread working memory: concurrent and nested verifications must each get exactly their own
/// token's claims.
/// </summary>
public sealed class VerifierConcurrencyTests : IDisposable
{
    private readonly Keys _keys = new();

    public void Dispose() => _keys.Dispose();

    private string Token(int i)
    {
        // Different sizes and shapes, so one token's leftovers would show in another's claims.
        var extra = new StringBuilder();
        for (int k = 0; k < i * 4; k++)
        {
            extra.Append(CultureInfo.InvariantCulture, $",\"c{k}\":\"v{i}-{k}\"");
        }

        var template = "{\"iss\":\"https://issuer.example\",\"sub\":\"user-" + i + "\",\"aud\":[\"x\",\"api://orders\"],\"exp\":{exp},\"jti\":\"j-" + i
            + "\",\"tenant\":\"t-" + i + "\",\"obj\":{\"n\":" + i + ",\"m\":{\"k\":[" + i + "]}}" + extra + "}";
        return RawTokens.Hs256(_keys.Secret, RawTokens.Header, RawTokens.Fill(template, _keys.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Concurrent_verifications_each_get_their_own_claims()
    {
        var verifier = _keys.Verifier(null, "HS256");
        var tokens = Enumerable.Range(0, 8).Select(Token).ToArray();
        var expected = new List<(string, string, string, string, string)[]>();
        foreach (var token in tokens)
        {
            var result = await verifier.VerifyAsync(token);
            Assert.True(result.IsValid, result.ToString());
            expected.Add(result.Principal!.Claims.Select(RawTokens.Shape).ToArray());
        }

        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            int i = (n * 7) % tokens.Length;
            var result = await verifier.VerifyAsync(tokens[i], ct);
            var claims = result.Principal?.Claims.Select(RawTokens.Shape).ToArray();
            if (!result.IsValid || result.Subject != "user-" + i || !claims!.SequenceEqual(expected[i]))
            {
                mismatches.Add($"token {i}: {result}");
            }
        });

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task A_verification_nested_inside_another_on_the_same_thread_does_not_disturb_it()
    {
        var outerToken = Token(3);
        var innerToken = Token(5);
        var clock = new ReentrantClock(TokenForge.Start);
        var inner = _keys.Verifier(null, "HS256");
        var outer = new StatelessTokenVerifier(_keys.Options("HS256"), null, clock);
        clock.OnRead = () => inner.VerifyAsync(innerToken).AsTask().GetAwaiter().GetResult();

        var result = await outer.VerifyAsync(outerToken);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal("user-3", result.Subject);
        Assert.Equal("t-3", result.Principal!.FindFirst("tenant")!.Value);
        Assert.Equal(20, result.Principal.Claims.Count());
        Assert.NotNull(clock.Inner);
        Assert.Equal("user-5", clock.Inner!.Subject);
        Assert.Equal("t-5", clock.Inner.Principal!.FindFirst("tenant")!.Value);
        Assert.Equal(28, clock.Inner.Principal.Claims.Count());
    }

    private sealed class ReentrantClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public Func<TokenVerificationResult>? OnRead { get; set; }

        public TokenVerificationResult? Inner { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            if (OnRead is { } read)
            {
                OnRead = null;
                Inner = read();
            }

            return base.GetUtcNow();
        }
    }
}
