using System.Net;

namespace Stateless.Testing;

/// <summary>
/// Sends requests into a fleet like a population of browsers and API clients behind a load balancer: each virtual
/// client (<see cref="For"/>) has its own cookie container and its own <see cref="HttpClient"/>, and every request goes
/// to the live replica the routing policy chooses. Kill, restart or add replicas on the fleet between any two requests.
/// </summary>
public sealed class FleetClient : IDisposable
{
    private readonly IReplicaFleet _fleet;
    private readonly RoutingPolicy _routing;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Replica> _previous = new(StringComparer.Ordinal);
    private readonly List<RoutedRequest> _log = [];

    internal FleetClient(IReplicaFleet fleet, RoutingPolicy routing)
    {
        _fleet = fleet;
        _routing = routing;
    }

    /// <summary>The routing policy.</summary>
    public RoutingPolicy Routing => _routing;

    /// <summary>Every request sent so far, oldest first.</summary>
    public IReadOnlyList<RoutedRequest> Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToList();
            }
        }
    }

    /// <summary>The replica that served the most recent request, if any.</summary>
    public Replica? LastServed { get; private set; }

    /// <summary>The <see cref="HttpClient"/> of a virtual client (created on first use, base address http://localhost/).</summary>
    /// <param name="client">The virtual client's name.</param>
    /// <returns>The client's <see cref="HttpClient"/>; the fleet client disposes it.</returns>
    public HttpClient For(string client = "default")
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(client, out var http))
            {
#pragma warning disable CA2000 // The HttpClient owns the handler chain and is disposed with this FleetClient.
                http = new HttpClient(new CookieHandler(new RoutingHandler(this, client)))
                {
                    BaseAddress = new Uri("http://localhost/"),
                };
#pragma warning restore CA2000
                _clients[client] = http;
            }

            return http;
        }
    }

    /// <summary>Disposes every virtual client.</summary>
    public void Dispose()
    {
        lock (_clients)
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            _clients.Clear();
        }
    }

    private async Task<HttpResponseMessage> RouteAsync(string client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var live = _fleet.LiveReplicas;
        if (live.Count == 0)
        {
            throw new InvalidOperationException("No replica of the fleet is alive.");
        }

        Replica replica;
        int sequence;
        lock (_log)
        {
            _previous.TryGetValue(client, out var previous);
            replica = _routing.Choose(new RoutingRequest(client, live, previous));
            if (!replica.IsAlive)
            {
                throw new InvalidOperationException($"{_routing.Name} chose {replica.DisplayName}, which is dead.");
            }

            _previous[client] = replica;
            LastServed = replica;
            sequence = _log.Count + 1;
        }

        var generation = replica.Generation;
        int? status = null;
        try
        {
            using var invoker = new HttpMessageInvoker(replica.Running.Handler, disposeHandler: false);
            var response = await invoker.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            lock (_log)
            {
                _log.Add(new RoutedRequest(sequence, client, request.Method.Method,
                    request.RequestUri?.PathAndQuery ?? "/", replica.Index, generation, status));
            }
        }
    }

    private sealed class RoutingHandler(FleetClient owner, string client) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            owner.RouteAsync(client, request, cancellationToken);
    }

    /// <summary>Keeps the virtual client's cookies as a browser does: sends the matching ones, stores every Set-Cookie.</summary>
    private sealed class CookieHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var header = _cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    _cookies.SetCookies(uri, setCookie);
                }
            }

            return response;
        }
    }
}
