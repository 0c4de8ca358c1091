namespace Stateless.Testing;

/// <summary>Thrown by <see cref="StatelessAssertions.AssertStatelessAsync"/>; its message is <see cref="StatelessReport.Describe"/>.</summary>
public sealed class StatelessAssertionException : Exception
{
    /// <summary>Creates the exception for a failing report.</summary>
    /// <param name="report">The report.</param>
    public StatelessAssertionException(StatelessReport report)
        : base(report?.Describe())
    {
        Report = report!;
    }

    /// <summary>Creates the exception with a message.</summary>
    public StatelessAssertionException()
        : this("The service is not stateless.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public StatelessAssertionException(string message)
        : base(message)
    {
        Report = null!;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StatelessAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Report = null!;
    }

    /// <summary>The failing report.</summary>
    public StatelessReport Report { get; }
}
