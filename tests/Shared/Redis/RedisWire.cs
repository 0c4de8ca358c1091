using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Stateless.Tests.Shared.Redis;

/// <summary>
/// One Redis command over a raw loopback socket (RESP2), without a client library: what <see cref="RedisServerProcess"/>
/// needs to see that a server answers and to steer replication. Every call opens its own short connection.
/// </summary>
public static class RedisWire
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Sends <c>PING</c>; true on <c>+PONG</c>, false when nothing (or something else) answers.</summary>
    public static async Task<bool> PingAsync(int port, CancellationToken cancellationToken = default)
    {
        try
        {
            return await CommandAsync(port, ["PING"], cancellationToken).ConfigureAwait(false) == "PONG";
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one command and returns its reply as text: a simple string, an integer or a bulk string (null for a nil
    /// bulk). An error reply throws <see cref="InvalidOperationException"/> with the server's message.
    /// </summary>
    public static async Task<string?> CommandAsync(int port, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Encode(arguments), timeout.Token).ConfigureAwait(false);
        return await new ReplyReader(stream).ReadAsync(timeout.Token).ConfigureAwait(false);
    }

    private static byte[] Encode(IReadOnlyList<string> arguments)
    {
        var request = new StringBuilder();
        request.Append('*').Append(arguments.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var argument in arguments)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument).ToString(CultureInfo.InvariantCulture)).Append("\r\n")
                .Append(argument).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(request.ToString());
    }

    /// <summary>Reads one RESP2 reply that is not an array.</summary>
    private sealed class ReplyReader
    {
        private readonly Stream _stream;
        private readonly List<byte> _pending = new();

        public ReplyReader(Stream stream) => _stream = stream;

        public async Task<string?> ReadAsync(CancellationToken cancellationToken)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var body = line.Length > 0 ? line[1..] : string.Empty;
            switch (line.Length > 0 ? line[0] : '\0')
            {
                case '+':
                case ':':
                    return body;
                case '-':
                    throw new InvalidOperationException($"redis replied {body}");
                case '$':
                    int length = int.Parse(body, CultureInfo.InvariantCulture);
                    if (length < 0)
                    {
                        return null;
                    }

                    var bytes = await ReadBytesAsync(length + 2, cancellationToken).ConfigureAwait(false);
                    return Encoding.UTF8.GetString(bytes, 0, length);
                default:
                    throw new InvalidOperationException($"unexpected redis reply '{line}'");
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                int end = IndexOfCrLf();
                if (end >= 0)
                {
                    var line = Encoding.UTF8.GetString(_pending.GetRange(0, end).ToArray());
                    _pending.RemoveRange(0, end + 2);
                    return line;
                }

                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
        {
            while (_pending.Count < count)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var bytes = _pending.GetRange(0, count).ToArray();
            _pending.RemoveRange(0, count);
            return bytes;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            var buffer = new byte[4096];
            int read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("redis closed the connection before its reply ended");
            }

            _pending.AddRange(new ArraySegment<byte>(buffer, 0, read));
        }

        private int IndexOfCrLf()
        {
            for (int i = 0; i + 1 < _pending.Count; i++)
            {
                if (_pending[i] == '\r' && _pending[i + 1] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
