namespace Stateless.Testing;

/// <summary>One request as the fleet routed it.</summary>
/// <param name="Sequence">1-based position among all requests of the <see cref="FleetClient"/>.</param>
/// <param name="Client">The virtual client that sent it.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query.</param>
/// <param name="Replica">The index of the replica that served it.</param>
/// <param name="Generation">That replica's generation at the time.</param>
/// <param name="Status">The response status, or null when the request threw.</param>
public sealed record RoutedRequest(int Sequence, string Client, string Method, string Path, int Replica, int Generation, int? Status)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"#{Sequence} {Client}: {Method} {Path} -> replica {Replica} (gen {Generation}): {Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "threw"}";
}
