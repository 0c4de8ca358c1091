using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>One claim seen flowing into a token: its type (null when not a constant), its value, where it was written.</summary>
internal sealed class ClaimEntry
{
    public ClaimEntry(string? type, IOperation? value, IOperation origin)
    {
        Type = type;
        Value = value;
        Origin = origin;
    }

    public string? Type { get; }

    public IOperation? Value { get; }

    public IOperation Origin { get; }
}

/// <summary>
/// The claims a token is built from, as far as the method shows them. <see cref="Open"/> means some claims come
/// from somewhere the method does not show (a parameter, a field, a helper's result, a claim of unknown type), so
/// "the token lacks claim X" cannot be concluded.
/// </summary>
internal sealed class ClaimSet
{
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);

    public List<ClaimEntry> Entries { get; } = new();

    public bool Open { get; set; }

    public void Add(ClaimEntry entry)
    {
        Entries.Add(entry);
        if (entry.Type is null)
        {
            Open = true;
        }
        else
        {
            _types.Add(entry.Type);
        }
    }

    public bool Has(string type) => _types.Contains(type);

    /// <summary>The claims are fully known and none has this type.</summary>
    public bool Lacks(string type) => !Open && !_types.Contains(type);
}
