using StatefulShop.Services;

namespace StatefulShop.Middleware;

public class RequestCounterMiddleware
{
    private readonly RequestDelegate _next;

    public RequestCounterMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        // A per-replica counter presented as if it were global.
        var total = Interlocked.Increment(ref ShopStats.TotalRequests);
        context.Response.Headers["X-Request-Count"] = total.ToString();
        await _next(context);
    }
}
