using System;
using System.Globalization;
using System.Numerics;
using System.Security.Claims;

namespace Stateless.Runtime;

/// <summary>
/// What <see cref="StatelessTokenIssuer"/> accepts as claim text and numbers: strings that are valid UTF-16 (a lone
/// surrogate would be written as U+FFFD, so two different values would become one), finite numbers, and integers of
/// the range their <see cref="ClaimValueTypes"/> declares, written digit for digit.
/// </summary>
internal static class ClaimText
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="claim"/> when <paramref name="text"/> holds a lone surrogate.</summary>
    public static void RequireValidUtf16(string text, string claim, string? paramName)
    {
        int invalid = FirstLoneSurrogate(text);
        if (invalid >= 0)
        {
            throw new ArgumentException(
                $"The value of claim '{Printable(claim)}' is not valid UTF-16: a lone surrogate (U+{(int)text[invalid]:X4}) at index {invalid}. It would be written as U+FFFD and read back as another string.",
                paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a claim type holds a lone surrogate.</summary>
    public static void RequireValidClaimType(string type, string? paramName)
    {
        int invalid = FirstLoneSurrogate(type);
        if (invalid >= 0)
        {
            throw new ArgumentException(
                $"The claim type '{Printable(type)}' is not valid UTF-16: a lone surrogate (U+{(int)type[invalid]:X4}) at index {invalid}.",
                paramName);
        }
    }

    /// <summary>
    /// The JSON number for a claim whose value type is an integer type (<see cref="ClaimValueTypes.Integer"/>: any size;
    /// Integer32, Integer64, UInteger32, UInteger64: their range), in canonical digits; throws naming the claim otherwise.
    /// </summary>
    public static string Integer(Claim claim, string? paramName)
    {
        if (!BigInteger.TryParse(claim.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"Claim '{Printable(claim.Type)}' is declared {Short(claim.ValueType)} but '{Printable(claim.Value)}' is not an integer.", paramName);
        }

        bool fits = claim.ValueType switch
        {
            ClaimValueTypes.Integer32 => value >= int.MinValue && value <= int.MaxValue,
            ClaimValueTypes.Integer64 => value >= long.MinValue && value <= long.MaxValue,
            ClaimValueTypes.UInteger32 => value >= uint.MinValue && value <= uint.MaxValue,
            ClaimValueTypes.UInteger64 => value >= ulong.MinValue && value <= ulong.MaxValue,
            _ => true,
        };
        return fits
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"Claim '{Printable(claim.Type)}' is declared {Short(claim.ValueType)} but {claim.Value} is outside its range.", paramName);
    }

    /// <summary>
    /// Whether <paramref name="text"/> is an integer literal (optional sign, decimal digits, any size); then
    /// <paramref name="digits"/> are its canonical digits, to be written as they are (a double would round
    /// 123456789012345678901234567890 to 1.2345678901234568E+29).
    /// </summary>
    public static bool TryExactInteger(string text, out string digits)
    {
        digits = string.Empty;
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            digits = value.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        return false;
    }

    /// <summary>The finite double a <see cref="ClaimValueTypes.Double"/> claim names; throws naming the claim otherwise.</summary>
    public static double FiniteDouble(Claim claim, string? paramName) =>
        double.TryParse(claim.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && double.IsFinite(real)
            ? real
            : throw new ArgumentException(
                $"Claim '{Printable(claim.Type)}' is declared double but '{Printable(claim.Value)}' is not a finite number (JSON has no NaN or infinity).",
                paramName);

    private static int FirstLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The text with lone surrogates shown as <c>\uXXXX</c>, so the message itself is valid UTF-16.</summary>
    private static string Printable(string text) => FirstLoneSurrogate(text) < 0 ? text : Escape(text);

    private static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text, i, 2);
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:x4}");
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static string Short(string valueType) => valueType[(valueType.LastIndexOf('#') + 1)..];
}
