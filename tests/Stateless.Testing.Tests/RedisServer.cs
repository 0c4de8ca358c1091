using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Stateless.Testing.Tests;

/// <summary>A throwaway redis-server on a free loopback port, without persistence; killed (by its process) on dispose.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            var free = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var process = Process.Start(new ProcessStartInfo("redis-server",
                ["--port", free.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("redis-server did not start.");
            var server = new RedisServer(process, free);
            for (var attempt = 0; attempt < 100; attempt++)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, free);
                    return server;
                }
                catch (SocketException)
                {
                    await Task.Delay(50);
                }
            }

            await server.DisposeAsync();
            throw new InvalidOperationException("redis-server did not accept connections within 5 s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
