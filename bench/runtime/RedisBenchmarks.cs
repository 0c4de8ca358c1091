using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using StackExchange.Redis;
using Stateless.Runtime.Redis;

namespace Stateless.Runtime.Benchmarks;

/// <summary>
/// The Redis backends against a real redis-server the benchmark starts on a free loopback port (one round trip per
/// call), plus the verifier with the Redis denylist: a valid token pays the round trip after signature and lifetime
/// pass; a forged token is refused before any round trip.
/// </summary>
[MemoryDiagnoser]
public class RedisBenchmarks
{
    private RedisServerProcess _server = null!;
    private ConnectionMultiplexer _redis = null!;
    private RedisJtiDenylist _denylist = null!;
    private RefreshTokenRotator _rotator = null!;
    private string _refreshToken = null!;
    private int _rotations;
    private TokenFixture _fixture = null!;
    private StatelessTokenVerifier _verifier = null!;
    private string _forged = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = RedisServerProcess.StartAsync().GetAwaiter().GetResult();
        _redis = ConnectionMultiplexer.Connect($"{_server.EndPoint},abortConnect=false");
        _denylist = new RedisJtiDenylist(_redis);
        _denylist.RevokeAsync("revoked-jti", DateTimeOffset.UtcNow.AddHours(1)).AsTask().GetAwaiter().GetResult();
        _rotator = new RefreshTokenRotator(new RedisRefreshTokenStore(_redis), new RefreshTokenOptions());
        _refreshToken = _rotator.IssueAsync("user-42").AsTask().GetAwaiter().GetResult().Token;

        _fixture = TokenFixture.Create("ES256");
        _verifier = new StatelessTokenVerifier(_fixture.Verifier.Options, _denylist);
        var token = _fixture.Token;
        var last = token[^1] == 'A' ? 'Q' : 'A';
        _forged = token[..^1] + last;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _redis?.Dispose();
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Redis denylist check")]
    public ValueTask<bool> DenylistCheck() => _denylist.IsRevokedAsync("a3f1c07e9b2d4e6f8a1b3c5d7e9f0a2b");

    [Benchmark(Description = "Redis rotation")]
    public async Task<string> Rotation()
    {
        if (++_rotations % InMemoryStoreBenchmarks.ChainLength == 0)
        {
            _refreshToken = (await _rotator.IssueAsync("user-42").ConfigureAwait(false)).Token;
        }

        var result = await _rotator.RotateAsync(_refreshToken).ConfigureAwait(false);
        _refreshToken = result.Status == RefreshStatus.Rotated ? result.NewToken!.Token : throw new InvalidOperationException($"rotation: {result.Status}");
        return _refreshToken;
    }

    [Benchmark(Description = "ES256 verify + Redis denylist")]
    public async Task<object> VerifyWithRedisDenylist()
    {
        var result = await _verifier.VerifyAsync(_fixture.Token).ConfigureAwait(false);
        return result.IsValid ? result.Principal! : throw new InvalidOperationException($"refused: {result.Failure}");
    }

    [Benchmark(Description = "ES256 forged token + Redis denylist (no round trip)")]
    public async Task<TokenFailure> ForgedWithRedisDenylist()
    {
        var result = await _verifier.VerifyAsync(_forged).ConfigureAwait(false);
        return result.Failure == TokenFailure.SignatureInvalid ? result.Failure : throw new InvalidOperationException($"forged token: {result.Failure}");
    }
}
