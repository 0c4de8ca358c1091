using System;
using System.Collections.Generic;

namespace Stateless.Analyzers.Infrastructure;

/// <summary>
/// A fixed set of names (methods, members, identifiers), compared ordinally. Asked on every operation the rules look
/// at, from every analyzer thread: a hash set that is never written after construction, so reads need no lock
/// (an <c>ImmutableHashSet</c>'s tree lookups showed up in profiles of whole-compilation analysis).
/// </summary>
internal sealed class NameSet
{
    private readonly HashSet<string> _names;

    public NameSet(params string[] names)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
    }

    public bool Contains(string name) => _names.Contains(name);
}
