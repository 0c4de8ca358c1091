namespace Stateless.Testing;

/// <summary>Starts fleets.</summary>
public static class ReplicaFleet
{
    /// <summary>Starts a fleet of <see cref="ReplicaFleetOptions.Replicas"/> replicas of the app whose assembly contains
    /// <typeparamref name="TEntryPoint"/>.</summary>
    /// <typeparam name="TEntryPoint">A type of the app's assembly, usually its <c>Program</c>.</typeparam>
    /// <param name="configure">Adjusts the options before the first replica starts.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running fleet; dispose it to stop every replica.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="TEntryPoint"/> belongs to the project that starts the fleet (it
    /// references Stateless.Testing or a test framework, or is the process's entry assembly) — e.g. <c>Program</c> resolved
    /// to the test or console project's own top-level <c>Program</c>. Thrown at once; pass a type of the app, or the app's
    /// <c>Program</c> through an extern alias.</exception>
    public static Task<ReplicaFleet<TEntryPoint>> StartAsync<TEntryPoint>(
        Action<ReplicaFleetOptions>? configure = null, CancellationToken cancellationToken = default)
        where TEntryPoint : class
    {
        EntryPointGuard.ThrowIfNotAnApp(typeof(TEntryPoint));
        var options = new ReplicaFleetOptions();
        configure?.Invoke(options);
        return options.Replicas < 1
            ? throw new ArgumentOutOfRangeException(nameof(configure), options.Replicas, "A fleet needs at least one replica.")
            : ReplicaFleet<TEntryPoint>.StartAsync(options, cancellationToken);
    }
}
