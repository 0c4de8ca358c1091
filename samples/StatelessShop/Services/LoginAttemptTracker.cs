using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;

namespace StatelessShop.Services;

/// <summary>Locks an account out after five failed logins within 15 minutes, counted in the shared cache.</summary>
public sealed class LoginAttemptTracker(IDistributedCache cache)
{
    private const int MaxFailures = 5;
    private static readonly DistributedCacheEntryOptions Window = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(15) };

    public async Task<bool> IsLockedOutAsync(string username, CancellationToken cancellationToken) =>
        await FailuresAsync(username, cancellationToken) >= MaxFailures;

    public async Task RecordFailureAsync(string username, CancellationToken cancellationToken)
    {
        var failures = await FailuresAsync(username, cancellationToken) + 1;
        await cache.SetStringAsync(Key(username), failures.ToString(CultureInfo.InvariantCulture), Window, cancellationToken);
    }

    public Task ResetAsync(string username, CancellationToken cancellationToken) => cache.RemoveAsync(Key(username), cancellationToken);

    private async Task<int> FailuresAsync(string username, CancellationToken cancellationToken) =>
        int.TryParse(await cache.GetStringAsync(Key(username), cancellationToken), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0;

    private static string Key(string username) => "login-failures:" + username.ToUpperInvariant();
}
