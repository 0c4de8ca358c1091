using System;
using System.Text.Json;
using System.Text.Unicode;

namespace Stateless.Runtime;

/// <summary>
/// The JSON rules of the protected header and the payload, for <see cref="Utf8JsonReader"/>: RFC 8259 only (no
/// comments, no trailing commas), at most 32 levels deep, nothing after the one top-level value, and — with a
/// <see cref="PropertyNameGuard"/> — no property name twice in one object, at any depth.
/// </summary>
internal static class StrictJson
{
    public const int MaxDepth = 32;

    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = MaxDepth,
    };

    /// <summary>
    /// Reads <paramref name="json"/> as one top-level object under these rules and hands each member's value to
    /// <paramref name="members"/>. False when the bytes are not valid UTF-8, the text is not exactly one well-formed
    /// object, a name repeats in any object, a name's escapes are a lone surrogate, or <paramref name="members"/> refuses
    /// a value. Never throws on bad input.
    /// </summary>
    public static bool TryReadObject<TMembers>(ReadOnlySpan<byte> json, PropertyNameGuard guard, ref TMembers members)
        where TMembers : IMemberReader, allows ref struct
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            guard.EnterObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!guard.TryAdd(ref reader, out var name))
                {
                    return false;
                }

                reader.Read();
                if (!members.Read(ref reader, name))
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            guard.ExitObject();
            return AtEnd(ref reader);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate cannot be unescaped into a string.
            return false;
        }
    }

    /// <summary>What <see cref="TryReadObject"/> does with each member of the top-level object.</summary>
    public interface IMemberReader
    {
        /// <summary>
        /// Called with the reader on the value of the member <paramref name="name"/>; leaves it on the value's last
        /// token (<see cref="SkipValue"/> does that for values it does not read). False refuses the whole object.
        /// </summary>
        bool Read(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name);
    }

    /// <summary>
    /// Reads past the value the reader is on (a scalar, or a whole object or array), checking every nested object for
    /// duplicate names; false on a duplicate. Grammar and depth errors throw <see cref="JsonException"/>.
    /// </summary>
    public static bool SkipValue(ref Utf8JsonReader reader, PropertyNameGuard guard)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        int depth = reader.CurrentDepth;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            guard.EnterObject();
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    guard.EnterObject();
                    break;
                case JsonTokenType.PropertyName when !guard.TryAdd(ref reader, out _):
                    return false;
                case JsonTokenType.EndObject:
                    guard.ExitObject();
                    break;
            }

            if (reader.CurrentDepth == depth && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return true;
            }
        }

        throw new JsonException("The JSON text ended inside a value.");
    }

    /// <summary>The <see cref="JsonValueKind"/> of the value token the reader is on.</summary>
    public static JsonValueKind KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => JsonValueKind.Object,
        JsonTokenType.StartArray => JsonValueKind.Array,
        JsonTokenType.String => JsonValueKind.String,
        JsonTokenType.Number => JsonValueKind.Number,
        JsonTokenType.True => JsonValueKind.True,
        JsonTokenType.False => JsonValueKind.False,
        JsonTokenType.Null => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };

    /// <summary>The string value the reader is on, or null when its escapes do not form valid UTF-16 (a lone surrogate).</summary>
    public static string? TryGetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>After the top-level value: true when only whitespace follows (anything else throws <see cref="JsonException"/>).</summary>
    public static bool AtEnd(ref Utf8JsonReader reader) => !reader.Read();
}
