namespace Shop.Pricing;

public static class Prices
{
    private static readonly IReadOnlyDictionary<string, decimal> Catalog = new Dictionary<string, decimal> { ["apple"] = 0.5m, ["pear"] = 0.75m };

    public static decimal Of(string sku) => Catalog.TryGetValue(sku, out var price) ? price : 0m;
}
