using System;

namespace Stateless.Runtime;

/// <summary>
/// A refresh-token store or jti denylist could not complete an operation that cannot report failure as a status
/// (issuing a refresh token, revoking a family or subject). Retry, or report the failure; never assume it happened.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
        : base("The token store is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the store's failure.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
