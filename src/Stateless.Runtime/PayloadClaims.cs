using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Stateless.Runtime;

/// <summary>
/// The claims of a verified payload, read in one pass with <see cref="Utf8JsonReader"/> under
/// <see cref="StrictJson"/>'s rules: the registered claims the verifier checks (their JSON kinds and values) and,
/// in document order, one pending claim per member value (an array gives one per element), turned into
/// <see cref="Claim"/>s only once every check has passed and the issuer is known.
/// </summary>
/// <remarks>One instance serves one payload at a time; <see cref="JsonScratch"/> hands it out and resets it.</remarks>
internal sealed class PayloadClaims
{
    private PendingClaim[] _pending = new PendingClaim[16];
    private int _count;

    public RegisteredDate Expires;
    public RegisteredDate NotBefore;
    public RegisteredDate IssuedAt;
    public RegisteredString Issuer;
    public RegisteredString Subject;
    public RegisteredString TokenId;

    /// <summary>The JSON kind of <c>aud</c>; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonValueKind AudienceKind;

    /// <summary>The audiences named (1 for a string <c>aud</c>, the element count for an array).</summary>
    public int AudienceCount;

    /// <summary>An element of an <c>aud</c> array is not a string.</summary>
    public bool AudienceHasNonString;

    /// <summary>At least one audience is a non-empty string.</summary>
    public bool AudienceHasNonEmpty;

    /// <summary>At least one audience is one the verifier accepts.</summary>
    public bool AudienceMatches;

    /// <summary>An <c>aud</c> string's escapes are not valid UTF-16 (a lone surrogate).</summary>
    public bool AudienceHasUnreadable;

    /// <summary>
    /// A claim string's escapes are not valid UTF-16 (a lone surrogate): no claim can hold it, so a token that passes
    /// every other check is still refused.
    /// </summary>
    public bool HasUnreadableString;

    public void Reset()
    {
        Array.Clear(_pending, 0, _count);
        if (_pending.Length > 256)
        {
            _pending = new PendingClaim[16];
        }

        _count = 0;
        Expires = default;
        NotBefore = default;
        IssuedAt = default;
        Issuer = default;
        Subject = default;
        TokenId = default;
        AudienceKind = JsonValueKind.Undefined;
        AudienceCount = 0;
        AudienceHasNonString = false;
        AudienceHasNonEmpty = false;
        AudienceMatches = false;
        AudienceHasUnreadable = false;
        HasUnreadableString = false;
    }

    /// <summary>
    /// Reads <paramref name="json"/>; false when it is not valid UTF-8, not one well-formed JSON object, nests deeper than
    /// 32 levels, repeats a name in any object, or has a name whose escapes are a lone surrogate. (A string value
    /// spelled so is reported through <see cref="HasUnreadableString"/>, at the step where the claim checks need it.)
    /// </summary>
    public bool TryRead(ReadOnlySpan<byte> json, PropertyNameGuard names, HashSet<string> acceptedAudiences)
    {
        var members = new Members(this, json, names, acceptedAudiences);
        return StrictJson.TryReadObject(json, names, ref members);
    }

    /// <summary>Each member of the payload: its registered meaning (if any) and its claims.</summary>
    private readonly ref struct Members(PayloadClaims claims, ReadOnlySpan<byte> json, PropertyNameGuard names, HashSet<string> acceptedAudiences) : StrictJson.IMemberReader
    {
        private readonly ReadOnlySpan<byte> _json = json;

        public bool Read(ref Utf8JsonReader reader, scoped ReadOnlySpan<byte> name)
        {
            var registered = ClaimNames.Registered(name);
            return claims.ReadMember(ref reader, _json, names, registered, ClaimNames.TypeOf(name, registered), acceptedAudiences);
        }
    }

    /// <summary>The identity of a valid token: every pending claim, issued by <paramref name="issuer"/>.</summary>
    public ClaimsIdentity BuildIdentity(string issuer)
    {
        // Claims are created with the identity as their subject: ClaimsIdentity copies every claim whose subject is another identity.
        var identity = new ClaimsIdentity("Stateless", "sub", "role");
        for (int i = 0; i < _count; i++)
        {
            ref readonly var pending = ref _pending[i];
            identity.AddClaim(new Claim(pending.Type, pending.Value, pending.ValueType, issuer, issuer, identity));
        }

        return identity;
    }

    private bool ReadMember(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, PropertyNameGuard names, RegisteredClaim registered, string type, HashSet<string> acceptedAudiences)
    {
        var kind = StrictJson.KindOf(reader.TokenType);
        switch (registered)
        {
            case RegisteredClaim.Expires:
                Expires = RegisteredDate.Read(ref reader, kind);
                break;
            case RegisteredClaim.NotBefore:
                NotBefore = RegisteredDate.Read(ref reader, kind);
                break;
            case RegisteredClaim.IssuedAt:
                IssuedAt = RegisteredDate.Read(ref reader, kind);
                break;
            case RegisteredClaim.Audience:
                AudienceKind = kind;
                break;
        }

        string? text = null;
        bool read = kind == JsonValueKind.Array
            ? TryAddElements(ref reader, json, names, type, registered == RegisteredClaim.Audience ? acceptedAudiences : null)
            : TryAddValue(ref reader, json, names, type, out text);

        switch (registered)
        {
            case RegisteredClaim.Issuer:
                Issuer = new RegisteredString(kind, text);
                break;
            case RegisteredClaim.Subject:
                Subject = new RegisteredString(kind, text);
                break;
            case RegisteredClaim.TokenId:
                TokenId = new RegisteredString(kind, text);
                break;
            case RegisteredClaim.Audience when kind == JsonValueKind.String:
                CountAudience(text, acceptedAudiences);
                break;
        }

        return read;
    }

    /// <summary>An array member: one claim per element, nested arrays and objects as JSON text; for <c>aud</c>, each element is counted.</summary>
    private bool TryAddElements(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, PropertyNameGuard names, string type, HashSet<string>? audiences)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            bool isString = reader.TokenType == JsonTokenType.String;
            if (!TryAddValue(ref reader, json, names, type, out string? text))
            {
                return false;
            }

            if (audiences is not null)
            {
                if (isString)
                {
                    CountAudience(text, audiences);
                }
                else
                {
                    AudienceCount++;
                    AudienceHasNonString = true;
                }
            }
        }

        return true;
    }

    private void CountAudience(string? audience, HashSet<string> acceptedAudiences)
    {
        AudienceCount++;
        if (audience is null)
        {
            AudienceHasUnreadable = true;
            return;
        }

        AudienceHasNonEmpty |= audience.Length > 0;
        AudienceMatches |= acceptedAudiences.Contains(audience);
    }

    /// <summary>
    /// Adds the claim for the value the reader is on (none for null, or for a string that cannot be unescaped);
    /// <paramref name="text"/> is a string value, else null. False on a duplicate name inside an object value.
    /// </summary>
    private bool TryAddValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, PropertyNameGuard names, string type, out string? text)
    {
        text = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                text = StrictJson.TryGetString(ref reader);
                if (text is null)
                {
                    HasUnreadableString = true;
                    return true;
                }

                Add(type, text, ClaimValueTypes.String);
                return true;
            case JsonTokenType.Number:
                // The number as written (as JsonElement.GetRawText gives it): an integer that fits a long is Integer64.
                Add(type, Encoding.UTF8.GetString(reader.ValueSpan), reader.TryGetInt64(out _) ? ClaimValueTypes.Integer64 : ClaimValueTypes.Double);
                return true;
            case JsonTokenType.True:
                Add(type, "true", ClaimValueTypes.Boolean);
                return true;
            case JsonTokenType.False:
                Add(type, "false", ClaimValueTypes.Boolean);
                return true;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                long start = reader.TokenStartIndex;
                if (!StrictJson.SkipValue(ref reader, names))
                {
                    return false;
                }

                Add(type, Encoding.UTF8.GetString(json[(int)start..(int)reader.BytesConsumed]), "JSON");
                return true;
            default:
                return true;
        }
    }

    private void Add(string type, string value, string valueType)
    {
        if (_count == _pending.Length)
        {
            Array.Resize(ref _pending, _pending.Length * 2);
        }

        _pending[_count++] = new PendingClaim(type, value, valueType);
    }

    private readonly record struct PendingClaim(string Type, string Value, string ValueType);
}
