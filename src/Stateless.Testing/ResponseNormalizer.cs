using System.Text.RegularExpressions;

namespace Stateless.Testing;

/// <summary>
/// Rewrites volatile values (tokens, timestamps, ids) to placeholders before responses are compared, so that only
/// differences that come from state remain. Compose with <see cref="Then"/>.
/// </summary>
public sealed partial class ResponseNormalizer
{
    private readonly Func<string, string> _normalize;

    private ResponseNormalizer(Func<string, string> normalize) => _normalize = normalize;

    /// <summary>Leaves text as it is.</summary>
    public static ResponseNormalizer None { get; } = new(text => text);

    /// <summary>JWTs (three base64url segments) become <c>&lt;jwt&gt;</c>.</summary>
    public static ResponseNormalizer Jwts { get; } = new(text => JwtPattern().Replace(text, "<jwt>"));

    /// <summary>ISO 8601 date-times become <c>&lt;timestamp&gt;</c>.</summary>
    public static ResponseNormalizer Timestamps { get; } = new(text => TimestampPattern().Replace(text, "<timestamp>"));

    /// <summary>GUIDs become <c>&lt;guid&gt;</c>. Not in <see cref="Default"/>: a per-replica id is often the state.</summary>
    public static ResponseNormalizer Guids { get; } = new(text => GuidPattern().Replace(text, "<guid>"));

    /// <summary>JWTs and timestamps: a token or a clock reading differs between any two runs.</summary>
    public static ResponseNormalizer Default { get; } = Jwts.Then(Timestamps);

    /// <summary>A normaliser from a function.</summary>
    /// <param name="normalize">Rewrites text.</param>
    /// <returns>The normaliser.</returns>
    public static ResponseNormalizer From(Func<string, string> normalize) => new(normalize);

    /// <summary>Replaces every match of <paramref name="pattern"/> with <paramref name="replacement"/>.</summary>
    /// <param name="pattern">A regular expression.</param>
    /// <param name="replacement">The replacement.</param>
    /// <returns>The normaliser.</returns>
    public static ResponseNormalizer Replace([System.Diagnostics.CodeAnalysis.StringSyntax("Regex")] string pattern, string replacement)
    {
        var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        return new(text => regex.Replace(text, replacement));
    }

    /// <summary>This normaliser, then <paramref name="next"/>.</summary>
    /// <param name="next">The normaliser to apply after this one.</param>
    /// <returns>The composition.</returns>
    public ResponseNormalizer Then(ResponseNormalizer next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new(text => next.Normalize(Normalize(text)));
    }

    /// <summary>Applies the normaliser.</summary>
    /// <param name="text">A body or header value.</param>
    /// <returns>The normalised text.</returns>
    public string Normalize(string text) => _normalize(text);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")]
    private static partial Regex JwtPattern();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidPattern();
}
