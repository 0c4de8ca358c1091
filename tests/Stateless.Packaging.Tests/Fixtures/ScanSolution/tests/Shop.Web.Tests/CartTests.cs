using Shop.Core;

namespace Shop.Web.Tests;

public class CartTests
{
    [Fact]
    public void Total_adds_every_line() =>
        Assert.Equal(7m, Prices.Total(new[] { new CartLine("a", 2, 2m), new CartLine("b", 1, 3m) }));
}
