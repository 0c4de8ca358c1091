using System;
using System.Text.Json;
using System.Text.Unicode;

namespace Stateless.Runtime;

/// <summary>
/// What the verifier needs from a protected header, read in one pass with <see cref="Utf8JsonReader"/> under
/// <see cref="StrictJson"/>'s rules. Every other member (<c>typ</c>, <c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>, ...)
/// is checked for well-formedness only and never used: the key comes from the ring under <c>kid</c>, nowhere else.
/// </summary>
internal readonly struct JwsHeader
{
    private JwsHeader(JsonValueKind algKind, JwsAlgorithm? algorithm, bool hasCrit, JsonValueKind kidKind, string? kid)
    {
        AlgKind = algKind;
        Algorithm = algorithm;
        HasCrit = hasCrit;
        KeyIdKind = kidKind;
        KeyId = kid;
    }

    /// <summary>The JSON kind of <c>alg</c>; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonValueKind AlgKind { get; }

    /// <summary>The pinned algorithm <c>alg</c> names (compared after unescaping, case-sensitively); null when it names none.</summary>
    public JwsAlgorithm? Algorithm { get; }

    /// <summary>Whether a <c>crit</c> member is present, whatever its value.</summary>
    public bool HasCrit { get; }

    /// <summary>The JSON kind of <c>kid</c>; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonValueKind KeyIdKind { get; }

    /// <summary>The <c>kid</c> when it is a string that unescapes to valid UTF-16; otherwise null.</summary>
    public string? KeyId { get; }

    /// <summary>
    /// Reads <paramref name="json"/>; false when it is not valid UTF-8, not one well-formed JSON object, nests deeper than
    /// 32 levels, repeats a name in any object, or spells a name or <c>alg</c> with an escaped lone surrogate (a
    /// <c>kid</c> spelled so is reported as a string kid with a null <see cref="KeyId"/>).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, ReadOnlySpan<JwsAlgorithm> pinned, PropertyNameGuard guard, out JwsHeader header)
    {
        header = default;
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json, StrictJson.ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            guard.EnterObject();
            var algKind = JsonValueKind.Undefined;
            JwsAlgorithm? algorithm = null;
            bool hasCrit = false;
            var kidKind = JsonValueKind.Undefined;
            string? kid = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!guard.TryAdd(ref reader, out var name))
                {
                    return false;
                }

                int member = name.SequenceEqual("alg"u8) ? 1 : name.SequenceEqual("kid"u8) ? 2 : name.SequenceEqual("crit"u8) ? 3 : 0;
                reader.Read();
                switch (member)
                {
                    case 1:
                        algKind = StrictJson.KindOf(reader.TokenType);
                        algorithm = algKind == JsonValueKind.String ? Match(ref reader, pinned) : null;
                        break;
                    case 2:
                        kidKind = StrictJson.KindOf(reader.TokenType);
                        kid = kidKind == JsonValueKind.String ? StrictJson.TryGetString(ref reader) : null;
                        break;
                    case 3:
                        hasCrit = true;
                        break;
                }

                if (!StrictJson.SkipValue(ref reader, guard))
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            guard.ExitObject();
            if (!StrictJson.AtEnd(ref reader))
            {
                return false;
            }

            header = new JwsHeader(algKind, algorithm, hasCrit, kidKind, kid);
            return true;
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

    private static JwsAlgorithm? Match(ref Utf8JsonReader reader, ReadOnlySpan<JwsAlgorithm> pinned)
    {
        // ValueTextEquals unescapes, so "RS\u0032\u0035\u0036" names RS256 exactly as its string value would.
        JwsAlgorithm? match = null;
        foreach (var algorithm in pinned)
        {
            if (reader.ValueTextEquals(algorithm.Utf8Name))
            {
                match = algorithm;
            }
        }

        if (match is null && reader.ValueIsEscaped)
        {
            // Unescaping a value that matched nothing still has to succeed, as reading it as a string would.
            _ = reader.GetString();
        }

        return match;
    }
}
