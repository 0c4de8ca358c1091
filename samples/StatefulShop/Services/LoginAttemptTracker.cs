namespace StatefulShop.Services;

/// <summary>Locks an account out after five failed logins — in this replica only.</summary>
public sealed class LoginAttemptTracker
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _lastFailure;

    public bool IsLockedOut(string username)
    {
        lock (_failures)
        {
            return _failures.TryGetValue(username, out var count) && count >= 5;
        }
    }

    public void RecordFailure(string username)
    {
        lock (_failures)
        {
            _failures[username] = _failures.GetValueOrDefault(username) + 1;
            _lastFailure = DateTimeOffset.UtcNow;
        }
    }

    public void Reset(string username)
    {
        lock (_failures)
        {
            _failures.Remove(username);
        }
    }

    public DateTimeOffset LastFailure => _lastFailure;
}
