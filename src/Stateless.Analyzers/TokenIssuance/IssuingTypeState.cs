using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>Per-type: does the type mint tokens, and secret claims built elsewhere in it (claims helpers).</summary>
internal sealed class IssuingTypeState
{
    public int IssuesTokens;

    public ConcurrentBag<Diagnostic> Pending { get; } = new();

    public ConcurrentDictionary<Location, bool> Reported { get; } = new();
}
