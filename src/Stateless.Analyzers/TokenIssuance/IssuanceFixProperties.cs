using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace Stateless.Analyzers.TokenIssuance;

/// <summary>
/// What <see cref="TokenIssuanceAnalyzer"/> hands its fixes through <c>Diagnostic.Properties</c>: the property names and
/// values the fixes read, and how spans and the configured lifetime are written into them.
/// </summary>
public static class IssuanceFixProperties
{
    /// <summary>Diagnostic property: <see cref="ConstructorForm"/> or <see cref="DescriptorForm"/> (what the fix edits).</summary>
    public const string FormProperty = "Form";
    public const string ConstructorForm = "Constructor";
    public const string DescriptorForm = "Descriptor";

    /// <summary>Diagnostic properties: the <c>DateTime</c> method and amount that add the configured maximum lifetime.</summary>
    public const string ExpiryMethodProperty = "ExpiryMethod";
    public const string ExpiryAmountProperty = "ExpiryAmount";

    /// <summary>STL3002: "start:length" of the expression equal to issue time + lifetime, and of its issue-time part.</summary>
    public const string ChainSpanProperty = "Chain";
    public const string BaseSpanProperty = "Base";

    /// <summary>STL3002 without a clock reading (<c>DateTime.MaxValue</c>): the issue-time expression the fix writes.</summary>
    public const string IssueTimeProperty = "IssueTime";

    /// <summary>STL3004: where the jti claim goes ("start:length") and how (<see cref="JtiIntoCollection"/> ...).</summary>
    public const string JtiTargetProperty = "JtiTarget";
    public const string JtiKindProperty = "JtiKind";
    public const string JtiIntoCollection = "Collection";
    public const string JtiIntoDictionary = "Dictionary";
    public const string JtiAsClaimsArgument = "Argument";
    public const string JtiAsClaimsProperty = "Property";

    internal static string SpanText(TextSpan span) =>
        span.Start.ToString(CultureInfo.InvariantCulture) + ":" + span.Length.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a "start:length" property back to a span.</summary>
    public static TextSpan? ParseSpan(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var colon = text.IndexOf(':');
        return colon > 0
            && int.TryParse(text.Substring(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(text.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                ? new TextSpan(start, length)
                : null;
    }

    /// <summary>The STL3001/STL3002 fix's expiry: <c>AddMinutes</c> (or <c>AddSeconds</c>) of the configured maximum lifetime.</summary>
    internal static ImmutableDictionary<string, string?> ExpiryProperties(TimeSpan maxLifetime, string? form)
    {
        var minutes = maxLifetime.TotalMinutes;
        var whole = Math.Abs(minutes - Math.Round(minutes)) < 1e-9;
        var result = ImmutableDictionary<string, string?>.Empty
            .Add(ExpiryMethodProperty, whole ? "AddMinutes" : "AddSeconds")
            .Add(ExpiryAmountProperty, (whole ? Math.Round(minutes) : Math.Round(maxLifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        return form is null ? result : result.Add(FormProperty, form);
    }
}
