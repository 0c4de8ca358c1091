namespace Stateless.Testing;

/// <summary>What a routing policy decides on: which client sends, which replicas are alive, where the client's previous
/// request went.</summary>
/// <param name="Client">The virtual client sending the request.</param>
/// <param name="Live">The live replicas, by index; never empty.</param>
/// <param name="Previous">The replica that served the client's previous request, if any (it may be dead now).</param>
public sealed record RoutingRequest(string Client, IReadOnlyList<Replica> Live, Replica? Previous);
