using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Stateless.Runtime;

/// <summary>DI registrations for Stateless.Runtime.</summary>
public static class StatelessRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded defaults as singletons (unless already registered): <see cref="TimeProvider.System"/>,
    /// <see cref="InMemoryJtiDenylist"/> as <see cref="IJtiDenylist"/>, <see cref="InMemoryRefreshTokenStore"/> as
    /// <see cref="IRefreshTokenStore"/>, <see cref="RefreshTokenOptions"/> and a <see cref="RefreshTokenRotator"/>.
    /// They hold their state in this process: right for one replica, tests and development; with several replicas
    /// register the Redis backends instead (register them first, these then stay out of the way).
    /// </summary>
    public static IServiceCollection AddStatelessInMemoryRevocation(this IServiceCollection services, RefreshTokenOptions? refreshTokenOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJtiDenylist>(sp => new InMemoryJtiDenylist(sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IRefreshTokenStore>(_ => new InMemoryRefreshTokenStore());
        services.TryAddSingleton(refreshTokenOptions ?? new RefreshTokenOptions());
        services.TryAddSingleton(sp => new RefreshTokenRotator(
            sp.GetRequiredService<IRefreshTokenStore>(),
            sp.GetRequiredService<RefreshTokenOptions>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<RefreshTokenRotator>()));
        return services;
    }

    /// <summary>Registers one <see cref="SigningKeyRing"/> (clock and logger from DI) that <paramref name="configure"/> fills with keys.</summary>
    public static IServiceCollection AddStatelessSigningKeyRing(this IServiceCollection services, Action<SigningKeyRing> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var ring = new SigningKeyRing(sp.GetService<TimeProvider>(), sp.GetService<ILoggerFactory>()?.CreateLogger<SigningKeyRing>());
            configure(ring);
            return ring;
        });
        return services;
    }

    /// <summary>Registers a <see cref="StatelessTokenVerifier"/> singleton using the registered <see cref="IJtiDenylist"/> (if any) and <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddStatelessTokenVerifier(this IServiceCollection services, Func<IServiceProvider, StatelessTokenVerifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(sp => new StatelessTokenVerifier(options(sp), sp.GetService<IJtiDenylist>(), sp.GetService<TimeProvider>()));
        return services;
    }

    /// <summary>Registers a <see cref="StatelessTokenIssuer"/> singleton using the registered <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddStatelessTokenIssuer(this IServiceCollection services, Func<IServiceProvider, StatelessTokenIssuerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(sp => new StatelessTokenIssuer(options(sp), sp.GetService<TimeProvider>()));
        return services;
    }
}
