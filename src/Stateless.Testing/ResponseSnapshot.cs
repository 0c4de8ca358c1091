using System.Globalization;
using System.Text;

namespace Stateless.Testing;

/// <summary>A response reduced to what is compared: status, chosen headers, normalised body.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The compared headers (normalised), absent ones omitted.</param>
/// <param name="Body">The normalised body.</param>
public sealed record ResponseSnapshot(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Status.ToString(CultureInfo.InvariantCulture));
        foreach (var (name, value) in Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(CultureInfo.InvariantCulture, $", {name}: {value}");
        }

        text.Append(", body: ").Append(Body.Length == 0 ? "(empty)" : Body.Length > 400 ? Body[..400] + "…" : Body);
        return text.ToString();
    }
}
