namespace Stateless.Testing.Tests;

/// <summary>
/// What a shop client does, written once for the shop samples' shared routes: the "before" sample fails the
/// stateful ones, an "after" sample with the same routes passes all of them with a test class as short as
/// <c>[Theory, MemberData(nameof(ShopScenarios.Names), MemberType = typeof(ShopScenarios))]</c> over
/// <c>fleet.AssertStatelessAsync(ShopScenarios.Get(name))</c>.
/// </summary>
public static class ShopScenarios
{
    private static readonly Dictionary<string, Func<Scenario>> Scenarios = new(StringComparer.Ordinal)
    {
        ["static cart"] = StaticCart,
        ["recently viewed"] = RecentlyViewed,
        ["visits"] = Visits,
        ["login then me"] = LoginThenMe,
    };

    /// <summary>Every scenario's name, for <c>MemberData</c>.</summary>
    public static TheoryData<string> Names => new(Scenarios.Keys);

    /// <summary>A scenario by name.</summary>
    public static Scenario Get(string name) => Scenarios[name]();

    /// <summary>Two items added to one cart: the second add must see the first.</summary>
    public static Scenario StaticCart() => Scenario.Create("static cart")
        .As("alice")
        .Post("/api/cart/alice-{{run}}/items", """{"sku":"A-1","quantity":1}""")
        .Post("/api/cart/alice-{{run}}/items", """{"sku":"B-2","quantity":2}""");

    /// <summary>Products viewed in one session, then the list.</summary>
    public static Scenario RecentlyViewed() => Scenario.Create("recently viewed")
        .As("bob")
        .Post("/api/recently-viewed/A-1")
        .Post("/api/recently-viewed/B-2")
        .Get("/api/recently-viewed");

    /// <summary>The page-view counter read twice.</summary>
    public static Scenario Visits() => Scenario.Create("visits").Get("/visits").Get("/visits");

    /// <summary>A JWT login whose token the next step presents.</summary>
    public static Scenario LoginThenMe() => Scenario.Create("login then me")
        .Post("/api/account/login", """{"username":"carol","password":"demo"}""").CaptureJson("token", "token")
        .Get("/api/account/me").WithBearer("{{token}}");
}
