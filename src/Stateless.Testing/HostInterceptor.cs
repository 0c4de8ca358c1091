using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Stateless.Testing;

/// <summary>
/// Catches the host an app's entry point builds, the way <c>WebApplicationFactory</c>'s HostFactoryResolver does:
/// Microsoft.Extensions.Hosting announces "HostBuilding" (with an <see cref="IHostBuilder"/> whose
/// <c>ConfigureServices</c> callbacks run after the app's own registrations) and "HostBuilt" (with the
/// <see cref="IHost"/>) on the "Microsoft.Extensions.Hosting" diagnostic listener. The listener is process-wide, so
/// each replica's entry point runs under an async-local token and only events raised under that token reach it:
/// replicas may start concurrently, next to other WebApplicationFactory users.
/// </summary>
internal sealed class HostInterceptor
{
    private const string ListenerName = "Microsoft.Extensions.Hosting";
    private static readonly AsyncLocal<HostInterceptor?> Current = new();
    private static readonly Lazy<IDisposable> Subscription = new(
        () => DiagnosticListener.AllListeners.Subscribe(new ListenerObserver()),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Action<IHostBuilder> _configure;
    private readonly TaskCompletionSource<IHost> _built = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HostInterceptor(Action<IHostBuilder> configure)
    {
        _configure = configure;
        _ = Subscription.Value;
    }

    public Task<IHost> Built => _built.Task;

    /// <summary>Marks the calling execution context (and what it flows into) as this interceptor's.</summary>
    public void Enter() => Current.Value = this;

    public void Fail(Exception exception) => _built.TrySetException(exception);

    private void OnEvent(string key, object? value)
    {
        if (_built.Task.IsCompleted)
        {
            return;
        }

        if (key == "HostBuilding" && value is IHostBuilder builder)
        {
            _configure(builder);
        }
        else if (key == "HostBuilt" && value is IHost host)
        {
            _built.TrySetResult(host);
        }
    }

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == ListenerName)
            {
                value.Subscribe(new EventObserver());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => Current.Value?.OnEvent(value.Key, value.Value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
