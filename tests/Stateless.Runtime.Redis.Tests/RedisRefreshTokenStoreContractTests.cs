using Stateless.Runtime.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace Stateless.Runtime.Redis.Tests;

/// <summary>The same contract on a real Redis server, each test under its own key prefix.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRefreshTokenStoreContractTests : RefreshTokenStoreContract
{
    private readonly RedisFixture _redis;
    private readonly ConnectionMultiplexer _connection;

    public RedisRefreshTokenStoreContractTests(RedisFixture redis)
    {
        _redis = redis;
        _connection = redis.Shared;
    }

    protected override IRefreshTokenStore CreateStore() => new RedisRefreshTokenStore(_connection, _redis.NewPrefix("contract"));
}
