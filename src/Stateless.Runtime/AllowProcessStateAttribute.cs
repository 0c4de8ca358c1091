using System;

namespace Stateless.Runtime;

/// <summary>
/// Documents a deliberate exception to statelessness, such as a cache that makes sticky routing faster but is
/// correct without it. Silences the process-state rules (STL10xx) for the field, property or type it marks.
/// An empty or whitespace reason is itself reported (STL1000).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Field | AttributeTargets.Property, Inherited = false, AllowMultiple = false)]
public sealed class AllowProcessStateAttribute : Attribute
{
    /// <summary>Creates the attribute with the reason the state is safe to lose.</summary>
    /// <param name="reason">Why losing this state with its replica keeps every response correct.</param>
    public AllowProcessStateAttribute(string reason)
    {
        Reason = reason;
    }

    /// <summary>Why losing this state with its replica keeps every response correct.</summary>
    public string Reason { get; }
}
