using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Shop.Web;

/// <summary>
/// The memory cache as the configured alternative of Redis: silent in a build, where the Redis package's
/// AddStackExchangeRedisCache binds. A memory cache with no such alternative, backing session state, reports.
/// </summary>
public static class Caching
{
    public static void AddShopCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = configuration.GetConnectionString("redis");
        if (string.IsNullOrEmpty(redis))
        {
            services.AddDistributedMemoryCache();
        }
        else
        {
            services.AddStackExchangeRedisCache(options => options.Configuration = redis);
        }
    }

    public static void AddSessionCache(this IServiceCollection services) => services.AddDistributedMemoryCache().AddSession();
}
