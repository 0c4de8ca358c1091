using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Stateless.Runtime.Benchmarks;

/// <summary>The in-memory stores: a denylist check (10 000 revoked entries, the checked jti not among them) and one refresh-token rotation.</summary>
[MemoryDiagnoser]
public class InMemoryStoreBenchmarks
{
    /// <summary>A rotation chain is restarted after this many rotations so one family's history stays bounded.</summary>
    internal const int ChainLength = 1000;

    private InMemoryJtiDenylist _denylist = null!;
    private string _presentJti = null!;
    private string _absentJti = null!;
    private RefreshTokenRotator _rotator = null!;
    private string _refreshToken = null!;
    private int _rotations;

    [GlobalSetup]
    public void Setup()
    {
        _denylist = new InMemoryJtiDenylist();
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        for (int i = 0; i < 10_000; i++)
        {
            _denylist.RevokeAsync($"revoked-{i:D5}-0f6c2b8e4a", expires).AsTask().GetAwaiter().GetResult();
        }

        _presentJti = "revoked-04242-0f6c2b8e4a";
        _absentJti = "a3f1c07e9b2d4e6f8a1b3c5d7e9f0a2b";
        _rotator = new RefreshTokenRotator(new InMemoryRefreshTokenStore(), new RefreshTokenOptions());
        _refreshToken = _rotator.IssueAsync("user-42").AsTask().GetAwaiter().GetResult().Token;
    }

    [Benchmark(Description = "in-memory denylist check (not revoked)")]
    public ValueTask<bool> DenylistCheck() => _denylist.IsRevokedAsync(_absentJti);

    [Benchmark(Description = "in-memory denylist check (revoked)")]
    public ValueTask<bool> DenylistCheckRevoked() => _denylist.IsRevokedAsync(_presentJti);

    [Benchmark(Description = "in-memory rotation")]
    public async Task<string> Rotation()
    {
        if (++_rotations % ChainLength == 0)
        {
            _refreshToken = (await _rotator.IssueAsync("user-42").ConfigureAwait(false)).Token;
        }

        var result = await _rotator.RotateAsync(_refreshToken).ConfigureAwait(false);
        _refreshToken = result.Status == RefreshStatus.Rotated ? result.NewToken!.Token : throw new InvalidOperationException($"rotation: {result.Status}");
        return _refreshToken;
    }
}
