using System.Diagnostics.Metrics;

namespace StatelessShop.Middleware;

/// <summary>Counts requests as a metric: each replica reports its share and the metrics backend adds them up.</summary>
public class RequestCounterMiddleware
{
    private static readonly Meter Meter = new("StatelessShop");
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("statelessshop.requests");
    private readonly RequestDelegate _next;

    public RequestCounterMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        Requests.Add(1);
        await _next(context);
    }
}
