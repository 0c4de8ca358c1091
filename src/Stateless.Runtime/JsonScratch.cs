using System;

namespace Stateless.Runtime;

/// <summary>
/// The reusable working memory of one verification (duplicate-name tracking and the claims read from a payload),
/// cached per thread so a verification allocates only what its result keeps. <see cref="Rent"/> takes the thread's
/// instance out of the cache, so a nested verification on the same thread (say, from a custom
/// <see cref="TimeProvider"/>) gets its own.
/// </summary>
internal sealed class JsonScratch
{
    [ThreadStatic]
    private static JsonScratch? t_cached;

    public PropertyNameGuard Names { get; } = new();

    public PayloadClaims Claims { get; } = new();

    public static JsonScratch Rent()
    {
        var scratch = t_cached;
        t_cached = null;
        return scratch ?? new JsonScratch();
    }

    public static void Return(JsonScratch scratch)
    {
        scratch.Names.Reset();
        scratch.Claims.Reset();
        t_cached = scratch;
    }
}
