using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// Verifying one valid access token: the raw signature operation (the floor), <see cref="StatelessTokenVerifier"/>
/// and Microsoft.IdentityModel's JsonWebTokenHandler with equivalent settings. Each method throws if the token is
/// not accepted, so a benchmark can never time a fast refusal.
/// </summary>
[MemoryDiagnoser]
public class VerifyBenchmarks
{
    private TokenFixture _fixture = null!;

    [Params("RS256", "ES256", "HS256")]
    public string Algorithm { get; set; } = "RS256";

    [GlobalSetup]
    public void Setup()
    {
        _fixture = TokenFixture.Create(Algorithm);
        if (!RawSignature() || StatelessVerifier().GetAwaiter().GetResult() is null || JsonWebTokenHandler().GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException("set-up: a verifier refused the benchmark token");
        }
    }

    [Benchmark(Baseline = true, Description = "raw signature")]
    public bool RawSignature() => _fixture.RawVerify() ? true : throw new InvalidOperationException("raw signature refused");

    [Benchmark(Description = "StatelessTokenVerifier")]
    public async Task<object> StatelessVerifier()
    {
        var result = await _fixture.Verifier.VerifyAsync(_fixture.Token).ConfigureAwait(false);
        return result.IsValid ? result.Principal!.FindFirst("tenant")! : throw new InvalidOperationException($"refused: {result.Failure}");
    }

    /// <summary>Both methods read one claim of the result, as every caller does: the handler builds its identity lazily, the verifier eagerly.</summary>
    [Benchmark(Description = "JsonWebTokenHandler")]
    public async Task<object> JsonWebTokenHandler()
    {
        var result = await _fixture.Handler.ValidateTokenAsync(_fixture.Token, _fixture.Parameters).ConfigureAwait(false);
        return result.IsValid ? result.ClaimsIdentity.FindFirst("tenant")! : throw new InvalidOperationException("refused", result.Exception);
    }
}
