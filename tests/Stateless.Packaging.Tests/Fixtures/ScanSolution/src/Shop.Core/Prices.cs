namespace Shop.Core;

public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice);

public static class Prices
{
    public static decimal Total(IEnumerable<CartLine> lines) => lines.Sum(l => l.Quantity * l.UnitPrice);
}
