using Shop.Core;

namespace Shop.Desktop;

// One user's window: the list is the application's memory.
public static class RecentItems
{
    private static readonly Dictionary<string, CartLine> Items = new();

    public static void Remember(CartLine line) => Items[line.Sku] = line;

    public static IReadOnlyCollection<CartLine> All => Items.Values;
}
