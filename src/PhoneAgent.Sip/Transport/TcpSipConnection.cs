using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Transport;

/// <summary>
/// One TCP connection carrying SIP. The receive loop frames messages by Content-Length (RFC 3261 §18.3)
/// from a <see cref="PipeReader"/>, keeping complete messages that precede a partial one. Sends are
/// serialised so that two messages never interleave on the stream.
/// </summary>
public sealed class TcpSipConnection : IAsyncDisposable
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private int _disposed;

    internal TcpSipConnection(Socket socket, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _logger = logger;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Local = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The peer's address.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>Our address on this connection.</summary>
    public IPEndPoint Local { get; }

    /// <summary>Cancelled when the connection closes for any reason.</summary>
    public CancellationToken ConnectionClosed => _closed.Token;

    /// <summary>True while the connection can carry messages.</summary>
    public bool IsOpen => !_closed.IsCancellationRequested;

    /// <summary>
    /// How long a started message may stay incomplete. A peer that announces more body than it sends
    /// (RFC 4475 clerr) would otherwise pin the connection forever; 64*T1 matches the transaction timeout.
    /// </summary>
    public static readonly TimeSpan PartialMessageTimeout = TimeSpan.FromSeconds(32);

    internal async Task RunReceiveLoopAsync(ISipTransportSink sink, SipTransportCounters counters, TimeProvider timeProvider)
    {
        // When the unfinished message began; the deadline runs from there across reads, so a peer trickling
        // a byte at a time cannot hold the connection forever.
        long? partialSince = null;
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                ReadResult read;
                if (partialSince is { } since)
                {
                    var left = PartialMessageTimeout - timeProvider.GetElapsedTime(since);
                    using var deadline = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, timeProvider);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _closed.Token);
                    try
                    {
                        read = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                    {
                        counters.OnStreamFramingError();
                        sink.OnUnframeable(SipTransportKind.Tcp, Remote, SipParseError.BodyShorterThanContentLength);
                        return;
                    }
                }
                else
                {
                    read = await reader.ReadAsync(_closed.Token).ConfigureAwait(false);
                }
                var buffer = read.Buffer;
                var consumed = buffer.Start;
                var examined = buffer.End;
                try
                {
                    while (true)
                    {
                        var status = SipMessageParser.TryReadFrame(buffer, SipMessageParser.DefaultMaxMessageSize, out var result, out var c, out var e);
                        consumed = c;
                        examined = e;
                        if (status == SipFrameStatus.NeedMoreData) break;
                        if (status == SipFrameStatus.Invalid)
                        {
                            // Content-Length framing lost: nothing after this point can be trusted (RFC 3261 §18.3).
                            counters.OnStreamFramingError();
                            sink.OnUnframeable(SipTransportKind.Tcp, Remote, result.Error);
                            return;
                        }
                        if (status == SipFrameStatus.KeepAlive) await SendAsync(Pong, CancellationToken.None).ConfigureAwait(false);
                        else await sink.OnParsed(result, SipTransportKind.Tcp, Remote, Local, this).ConfigureAwait(false);
                        buffer = buffer.Slice(consumed);
                    }
                }
                finally
                {
                    // Read before AdvanceTo: after it the pipe may recycle the segments.
                    var pending = !read.Buffer.Slice(consumed).IsEmpty;
                    // A new partial message starts the clock; one that keeps growing keeps its original start.
                    partialSince = !pending ? null : consumed.Equals(read.Buffer.Start) && partialSince is not null ? partialSince : timeProvider.GetTimestamp();
                    reader.AdvanceTo(consumed, examined);
                }
                if (read.IsCompleted) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (IsExpected(e))
        {
            _logger.LogDebug("TCP connection {Remote} closed: {Message}", Remote, e.Message);
        }
        catch (Exception e)
        {
            _logger.LogError(e, "TCP receive loop for {Remote} failed", Remote);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    // Resets and aborts are how peers end connections; they are not faults of ours (Kestrel SocketConnection).
    private static bool IsExpected(Exception e) =>
        e is IOException or ObjectDisposedException
        || (e is SocketException s && s.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown);

    /// <summary>Writes one whole message; concurrent callers queue behind each other.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsExpected(e))
        {
            await DisposeAsync().ConfigureAwait(false);
            throw new IOException($"TCP connection to {Remote} is closed", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the connection (idempotent).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _closed.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
