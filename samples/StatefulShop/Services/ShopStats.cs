namespace StatefulShop.Services;

/// <summary>Process-wide counters presented as if they were global.</summary>
public static class ShopStats
{
    public static long TotalRequests;
}
