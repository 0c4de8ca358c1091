using System;

namespace Stateless.Runtime;

/// <summary>The media-type comparison of the JOSE <c>typ</c> header (RFC 7515 §4.1.9, RFC 8725 §3.11).</summary>
internal static class MediaTypes
{
    private const string ApplicationPrefix = "application/";

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> name one media type: compared case-insensitively (RFC 2045),
    /// each with or without the <c>application/</c> prefix, which a <c>typ</c> may omit.
    /// </summary>
    public static bool Same(string a, string b) =>
        WithoutApplicationPrefix(a).Equals(WithoutApplicationPrefix(b), StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> WithoutApplicationPrefix(string type) =>
        type.StartsWith(ApplicationPrefix, StringComparison.OrdinalIgnoreCase) ? type.AsSpan(ApplicationPrefix.Length) : type.AsSpan();
}
