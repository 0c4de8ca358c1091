using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Tests.Shared.Redis;

/// <summary>
/// The one launcher of <c>redis-server</c> for every test project and the benchmarks: a real server on a free loopback
/// port, in memory only (<c>--save "" --appendonly no</c>), in its own temporary directory (deleted on dispose).
/// Started by <see cref="StartAsync(CancellationToken)"/>, which returns once the server answers <c>PING</c>; a replica
/// of another server by <see cref="StartReplicaAsync"/>, which returns once its replication link is up; stopped
/// (killed, with its process tree) by <see cref="StopAsync"/> or <see cref="DisposeAsync"/>. A small watchdog shell
/// kills the server should the process that started it die without disposing it. Without a redis-server binary,
/// starting throws with what to install (<see cref="FindServerBinary"/> says beforehand).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    /// <summary>Overrides the server binary (default: <c>redis-server</c> on the PATH, then /usr/bin/redis-server).</summary>
    public const string ServerPathVariable = "STATELESS_REDIS_SERVER";

    private readonly Process _server;
    private readonly Process? _watchdog;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _output;

    private RedisServerProcess(Process server, Process? watchdog, DirectoryInfo directory, StringBuilder output, int port)
    {
        _server = server;
        _watchdog = watchdog;
        _directory = directory;
        _output = output;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string EndPoint => $"127.0.0.1:{Port}";

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => !_server.HasExited;

    /// <summary>What the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a server and waits until it answers <c>PING</c>; retries on another port if the chosen one was taken.</summary>
    public static Task<RedisServerProcess> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, null, cancellationToken);

    /// <summary>Starts a server on <paramref name="fixedPort"/> (a restart on the same address), or on a free port when null.</summary>
    public static Task<RedisServerProcess> StartAsync(int? fixedPort, CancellationToken cancellationToken = default) => StartAsync(fixedPort, null, cancellationToken);

    /// <summary>Starts a server with <paramref name="extraArguments"/> appended to the command line (e.g. cluster mode).</summary>
    public static async Task<RedisServerProcess> StartAsync(int? fixedPort, IReadOnlyList<string>? extraArguments, CancellationToken cancellationToken = default)
    {
        string binary = FindServerBinary() ?? throw new InvalidOperationException(
            "A real redis-server is needed: install it (Debian/Ubuntu: apt-get install -y redis-server) " +
            $"or set {ServerPathVariable} to its path.");
        Exception? last = null;
        for (int attempt = 0; attempt < 5; attempt++)
        {
            int port = fixedPort ?? FreeLoopbackPort();
            var directory = Directory.CreateTempSubdirectory("stateless-redis-");
            var output = new StringBuilder();
            var start = new ProcessStartInfo(binary)
            {
                WorkingDirectory = directory.FullName,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            foreach (var argument in new[]
            {
                "--port", port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--save", string.Empty,
                "--appendonly", "no",
                "--dir", directory.FullName,
                "--daemonize", "no",
                "--protected-mode", "yes",
                "--loglevel", "warning",
            })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in extraArguments ?? Array.Empty<string>())
            {
                start.ArgumentList.Add(argument);
            }

            var server = new Process { StartInfo = start };
            server.OutputDataReceived += (_, e) => Append(output, e.Data);
            server.ErrorDataReceived += (_, e) => Append(output, e.Data);
            server.Start();
            server.BeginOutputReadLine();
            server.BeginErrorReadLine();

            if (await WaitForPingAsync(server, port, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false))
            {
                return new RedisServerProcess(server, StartWatchdog(server.Id), directory, output, port);
            }

            last = new InvalidOperationException($"redis-server on port {port} did not answer PING. Output:{Environment.NewLine}{output}");
            Kill(server);
            server.WaitForExit(5000);
            server.Dispose();
            TryDelete(directory);
        }

        throw last!;
    }

    /// <summary>
    /// Starts a server with <c>--replicaof</c> this one and waits until its replication link is up (the initial sync
    /// done).
    /// </summary>
    public async Task<RedisServerProcess> StartReplicaAsync(CancellationToken cancellationToken = default)
    {
        var replica = await StartAsync(null, ["--replicaof", "127.0.0.1", Port.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var info = await RedisWire.CommandAsync(replica.Port, ["INFO", "replication"], cancellationToken).ConfigureAwait(false);
                if (info is not null && info.Contains("master_link_status:up", StringComparison.Ordinal))
                {
                    return replica;
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            throw new InvalidOperationException($"The replica on port {replica.Port} did not connect to its primary on port {Port}.");
        }
        catch
        {
            await replica.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary><c>REPLICAOF NO ONE</c>: a replica becomes a primary of its own.</summary>
    public Task PromoteAsync() => RedisWire.CommandAsync(Port, ["REPLICAOF", "NO", "ONE"]);

    /// <summary>
    /// Breaks replication without promoting: the replica follows a primary that does not exist (port 1), so it stays a
    /// read-only replica that keeps serving the data it had — stale from now on.
    /// </summary>
    public Task CutOffAsync() => RedisWire.CommandAsync(Port, ["REPLICAOF", "127.0.0.1", "1"]);

    /// <summary>Kills the server (as a failure would) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!_server.HasExited)
        {
            Kill(_server);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _server.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            if (_watchdog is not null)
            {
                Kill(_watchdog);
                _watchdog.Dispose();
            }

            _server.Dispose();
            TryDelete(_directory);
        }
    }

    /// <summary>
    /// The server binary: <see cref="ServerPathVariable"/> when set, else <c>redis-server</c> on the PATH, else
    /// /usr/bin/redis-server; null when there is none.
    /// </summary>
    public static string? FindServerBinary()
    {
        var configured = Environment.GetEnvironmentVariable(ServerPathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<bool> WaitForPingAsync(Process server, int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                return false;
            }

            if (await RedisWire.PingAsync(port, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    private static Process? StartWatchdog(int serverPid)
    {
        // Kills the server if this test process goes away without disposing it (a crash, a killed test host).
        int self = Environment.ProcessId;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"while kill -0 {self} 2>/dev/null && kill -0 {serverPid} 2>/dev/null; do sleep 1; done; kill -9 {serverPid} 2>/dev/null; exit 0");
        try
        {
            return Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
