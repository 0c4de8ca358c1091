namespace StatefulShop.Middleware;

public class RequestCounterMiddleware
{
    // A per-replica counter presented as if it were global.
    private static long _requests;
    private readonly RequestDelegate _next;

    public RequestCounterMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        context.Response.Headers["X-Request-Count"] = _requests.ToString();
        await _next(context);
    }
}
