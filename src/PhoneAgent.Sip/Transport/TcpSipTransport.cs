using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Transport;

/// <summary>
/// A TCP listener plus the connections it accepted or opened. Connections are looked up by remote
/// endpoint so that a request to a peer reuses an open connection instead of dialling a new one.
/// </summary>
public sealed class TcpSipTransport : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AcceptErrorBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>Connections held at most; more are closed at accept so a flood cannot exhaust descriptors.</summary>
    public const int MaxConnections = 8192;
    private readonly Socket _listener;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, TcpSipConnection> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private ISipTransportSink? _sink;
    private SipTransportCounters? _counters;
    private TimeProvider _timeProvider = TimeProvider.System;
    private Task _acceptLoop = Task.CompletedTask;

    private TcpSipTransport(Socket listener, ILogger logger)
    {
        _listener = listener;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>The listening address and port.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Number of open connections.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds and listens; port 0 picks a free one.</summary>
    public static TcpSipTransport Bind(IPEndPoint endPoint, ILogger logger)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = true;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endPoint);
            socket.Listen(512);
            return new TcpSipTransport(socket, logger);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal void Start(ISipTransportSink sink, SipTransportCounters counters, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _sink = sink;
        _counters = counters;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Persistent errors (EMFILE) would otherwise spin this loop at full CPU.
                _logger.LogDebug("TCP accept error {Error}", e.SocketErrorCode);
                await Task.Delay(AcceptErrorBackoff, _timeProvider, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
            if (_connections.Count >= MaxConnections)
            {
                _counters!.OnConnectionRefused();
                socket.Dispose();
                continue;
            }
            try
            {
                Track(new TcpSipConnection(socket, _logger));
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The peer reset the connection between accept and setup (Kestrel guards the same window).
                socket.Dispose();
            }
        }
    }

    private void Track(TcpSipConnection connection)
    {
        _connections[connection.Remote] = connection;
        _ = Task.Run(async () =>
        {
            await connection.RunReceiveLoopAsync(_sink!, _counters!, _timeProvider).ConfigureAwait(false);
            _connections.TryRemove(new KeyValuePair<IPEndPoint, TcpSipConnection>(connection.Remote, connection));
        });
    }

    /// <summary>
    /// Sends over <paramref name="preferred"/> when it is still open, else over an open connection to
    /// <paramref name="remote"/>, else over a new one (RFC 3261 §18.2.2 falls back to a new connection).
    /// </summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, TcpSipConnection? preferred, CancellationToken cancellationToken)
    {
        var connection = preferred is { IsOpen: true } ? preferred : await GetOrConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(data, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TcpSipConnection> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(remote, out var existing) && existing.IsOpen) return existing;
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var connection = new TcpSipConnection(socket, _logger);
        Track(connection);
        return connection;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (var c in _connections.Values) await c.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
