using System;
using System.Text.Json;
using System.Text.Unicode;

namespace Stateless.Runtime;

/// <summary>
/// What the verifier needs from a protected header, read in one pass with <see cref="Utf8JsonReader"/> under
/// <see cref="StrictJson"/>'s rules. <c>typ</c> is compared with the required type when one is configured. Every other
/// member (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>, ...) is checked for well-formedness only and never used: the
/// key comes from the ring under <c>kid</c>, nowhere else.
/// </summary>
internal readonly struct JwsHeader
{
    private JwsHeader(JsonValueKind algKind, JwsAlgorithm? algorithm, bool hasCrit, JsonValueKind kidKind, string? kid, bool typeMatches)
    {
        TypeMatches = typeMatches;
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
    /// <c>typ</c> is a string naming the required type as a media type (<see cref="MediaTypes.Same"/>); true when no type is
    /// required.
    /// </summary>
    public bool TypeMatches { get; }

    /// <summary>
    /// Reads <paramref name="json"/>; false when it is not valid UTF-8, not one well-formed JSON object, nests deeper than
    /// 32 levels, repeats a name in any object, or spells a name or <c>alg</c> with an escaped lone surrogate (a
    /// <c>kid</c> spelled so is reported as a string kid with a null <see cref="KeyId"/>).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, ReadOnlySpan<JwsAlgorithm> pinned, PropertyNameGuard guard, out JwsHeader header) =>
        TryRead(json, pinned, guard, null, out header);

    /// <summary>As <see cref="TryRead(ReadOnlySpan{byte}, ReadOnlySpan{JwsAlgorithm}, PropertyNameGuard, out JwsHeader)"/>, also judging <c>typ</c> against <paramref name="requiredType"/> (null: any).</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, ReadOnlySpan<JwsAlgorithm> pinned, PropertyNameGuard guard, string? requiredType, out JwsHeader header)
    {
        var members = new Members(pinned, guard, requiredType);
        if (!StrictJson.TryReadObject(json, guard, ref members))
        {
            header = default;
            return false;
        }

        header = new JwsHeader(members.AlgKind, members.Algorithm, members.HasCrit, members.KidKind, members.Kid, requiredType is null || members.TypeMatches);
        return true;
    }

    /// <summary>The members of a header that the verifier reads; every other member is skipped (and checked for duplicate names).</summary>
    private ref struct Members(ReadOnlySpan<JwsAlgorithm> pinned, PropertyNameGuard guard, string? requiredType) : StrictJson.IMemberReader
    {
        private readonly ReadOnlySpan<JwsAlgorithm> _pinned = pinned;
        private readonly PropertyNameGuard _guard = guard;
        private readonly string? _requiredType = requiredType;

        public JsonValueKind AlgKind;
        public JwsAlgorithm? Algorithm;
        public bool HasCrit;
        public JsonValueKind KidKind;
        public string? Kid;
        public bool TypeMatches;

        public bool Read(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
        {
            if (name.SequenceEqual("alg"u8))
            {
                AlgKind = StrictJson.KindOf(reader.TokenType);
                Algorithm = AlgKind == JsonValueKind.String ? Match(ref reader, _pinned) : null;
            }
            else if (name.SequenceEqual("kid"u8))
            {
                KidKind = StrictJson.KindOf(reader.TokenType);
                Kid = KidKind == JsonValueKind.String ? StrictJson.TryGetString(ref reader) : null;
            }
            else if (name.SequenceEqual("crit"u8))
            {
                HasCrit = true;
            }
            else if (_requiredType is not null && name.SequenceEqual("typ"u8))
            {
                TypeMatches = reader.TokenType == JsonTokenType.String
                    && StrictJson.TryGetString(ref reader) is { } type
                    && MediaTypes.Same(type, _requiredType);
            }

            return StrictJson.SkipValue(ref reader, _guard);
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
