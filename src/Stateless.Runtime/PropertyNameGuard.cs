using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Stateless.Runtime;

/// <summary>
/// Refuses a property name that repeats in the same JSON object, at any depth, comparing names after unescaping
/// (<c>"a"</c> and <c>"\u0061"</c> are the same name), as <see cref="JsonDocument"/> does with
/// <c>AllowDuplicateProperties = false</c>. Names are kept back to back in one reusable buffer; an object with more
/// than <see cref="LinearLimit"/> names switches to a hash set, so a large object costs linear, not quadratic, time.
/// </summary>
/// <remarks>One instance serves one parse at a time; <see cref="JsonScratch"/> hands it out.</remarks>
internal sealed class PropertyNameGuard
{
    private const int LinearLimit = 16;
    private const int RetainedBytes = 16 * 1024;

    private byte[] _names = new byte[256];
    private int _namesLength;
    private Entry[] _entries = new Entry[32];
    private int _entryCount;
    private Frame[] _frames = new Frame[8];
    private int _depth;

    /// <summary>Forgets every name (and drops a buffer grown by an unusually large document).</summary>
    public void Reset()
    {
        if (_names.Length > RetainedBytes)
        {
            _names = new byte[256];
        }

        if (_entries.Length > RetainedBytes / 8)
        {
            _entries = new Entry[32];
        }

        Array.Clear(_frames, 0, _depth);
        _namesLength = 0;
        _entryCount = 0;
        _depth = 0;
    }

    /// <summary>The reader is on a <see cref="JsonTokenType.StartObject"/>: its names are a new set.</summary>
    public void EnterObject()
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_depth++] = new Frame(_entryCount, _namesLength);
    }

    /// <summary>The reader is on the matching <see cref="JsonTokenType.EndObject"/>: its names are forgotten.</summary>
    public void ExitObject()
    {
        var frame = _frames[--_depth];
        _frames[_depth] = default;
        _entryCount = frame.FirstEntry;
        _namesLength = frame.NamesStart;
    }

    /// <summary>
    /// Records the name the reader is on (a <see cref="JsonTokenType.PropertyName"/>) and returns it unescaped, valid
    /// until the next call; false when the innermost object already has that name, or when the name's escapes do not
    /// form valid UTF-16 (a lone surrogate), which no parser could compare or turn into a string.
    /// </summary>
    public bool TryAdd(ref Utf8JsonReader reader, out ReadOnlySpan<byte> name)
    {
        var raw = reader.ValueSpan;
        EnsureNameCapacity(raw.Length);
        var destination = _names.AsSpan(_namesLength);
        int length;
        if (reader.ValueIsEscaped)
        {
            try
            {
                length = reader.CopyString(destination);
            }
            catch (InvalidOperationException)
            {
                name = default;
                return false;
            }
        }
        else
        {
            raw.CopyTo(destination);
            length = raw.Length;
        }

        name = destination[..length];
        ulong prefix = Prefix(name);
        ref var frame = ref _frames[_depth - 1];
        if (frame.Spill is null)
        {
            for (int i = frame.FirstEntry; i < _entryCount; i++)
            {
                var entry = _entries[i];
                if (entry.Prefix == prefix && entry.Length == length && (length <= 8 || name.SequenceEqual(_names.AsSpan(entry.Start, length))))
                {
                    return false;
                }
            }

            if (_entryCount - frame.FirstEntry >= LinearLimit)
            {
                frame.Spill = new HashSet<string>(StringComparer.Ordinal);
                for (int i = frame.FirstEntry; i < _entryCount; i++)
                {
                    frame.Spill.Add(Encoding.UTF8.GetString(_names, _entries[i].Start, _entries[i].Length));
                }
            }
        }

        if (frame.Spill is not null && !frame.Spill.Add(Encoding.UTF8.GetString(name)))
        {
            return false;
        }

        if (_entryCount == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_entryCount++] = new Entry(prefix, _namesLength, length);
        _namesLength += length;
        return true;
    }

    /// <summary>The first 8 bytes of a name (zero-padded) as one number: names up to 8 bytes compare in one step.</summary>
    private static ulong Prefix(ReadOnlySpan<byte> name)
    {
        Span<byte> eight = stackalloc byte[8];
        eight.Clear();
        name[..Math.Min(8, name.Length)].CopyTo(eight);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(eight);
    }

    private void EnsureNameCapacity(int length)
    {
        // Unescaping never makes a name longer than its escaped form.
        if (_names.Length - _namesLength < length)
        {
            Array.Resize(ref _names, Math.Max(_names.Length * 2, _namesLength + length));
        }
    }

    private readonly record struct Entry(ulong Prefix, int Start, int Length);

    private struct Frame(int firstEntry, int namesStart)
    {
        public readonly int FirstEntry = firstEntry;
        public readonly int NamesStart = namesStart;
        public HashSet<string>? Spill;
    }
}
