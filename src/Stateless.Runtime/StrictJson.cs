using System;
using System.Text.Json;

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
