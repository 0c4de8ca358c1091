namespace StatefulShop.Services;

/// <summary>Keeps the last request for a diagnostics page: the HttpContext outlives its request.</summary>
public sealed class LastRequestRecorder
{
    private HttpContext? _last;

    public void Record(HttpContext context) => _last = context;

    public string? LastPath => _last?.Request.Path;
}
