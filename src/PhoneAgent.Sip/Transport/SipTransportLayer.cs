using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Transport;

/// <summary>
/// Owns the UDP and TCP transports and the bounded queue between the sockets and SIP processing.
/// Socket loops only parse and queue; malformed requests are answered with 400 here (when Via, CSeq and
/// Call-ID are usable), anything else unusable is counted and dropped, so no input can stall or kill a loop.
/// </summary>
public sealed class SipTransportLayer : ISipTransportSink, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly Channel<SipInboundMessage> _inbound;
    private readonly RateLimitedLog _dropLog;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the layer; call <see cref="Start"/> to bind sockets.</summary>
    public SipTransportLayer(ILogger logger, TimeProvider timeProvider, int inboundCapacity = 8192)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _dropLog = new RateLimitedLog(timeProvider, TimeSpan.FromSeconds(10));
        // Bounded on purpose: when processing falls behind we shed load at the door (503 for new INVITEs)
        // instead of queueing without limit (STYLE §3, QuicListener's accept queue).
        _inbound = Channel.CreateBounded<SipInboundMessage>(new BoundedChannelOptions(inboundCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            // When processing is idle, the socket thread that delivers a message carries on into processing
            // instead of waking a pool thread for it: each such hop cost more CPU (thread-pool wake-ups and
            // spinning) than handling the message, which capped calls per second. Under load the queue
            // still decouples the two.
            AllowSynchronousContinuations = true,
        });
    }

    /// <summary>Validated inbound messages, in arrival order per socket.</summary>
    public ChannelReader<SipInboundMessage> Inbound => _inbound.Reader;

    /// <summary>Drop and refusal counters.</summary>
    public SipTransportCounters Counters { get; } = new();

    /// <summary>The UDP transport, when enabled.</summary>
    public UdpSipTransport? Udp { get; private set; }

    /// <summary>The TCP transport, when enabled.</summary>
    public TcpSipTransport? Tcp { get; private set; }

    /// <summary>
    /// Binds UDP and TCP on the same address and port. With port 0 a free UDP port is picked and TCP
    /// is bound to the same number, retrying a few times if another process holds it for TCP.
    /// </summary>
    public void Start(IPAddress address, int port, bool udp = true, bool tcp = true)
    {
        for (var attempt = 0; ; attempt++)
        {
            UdpSipTransport? u = null;
            try
            {
                u = udp ? UdpSipTransport.Bind(new IPEndPoint(address, port), _logger) : null;
                var boundPort = u?.LocalEndPoint.Port ?? port;
                Tcp = tcp ? TcpSipTransport.Bind(new IPEndPoint(address, boundPort), _logger) : null;
                Udp = u;
                break;
            }
            catch (System.Net.Sockets.SocketException) when (port == 0 && attempt < 10)
            {
                if (u is not null) u.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        Udp?.Start(this);
        Tcp?.Start(this, Counters, _timeProvider);
    }

    /// <summary>The port both transports listen on.</summary>
    public int Port => Udp?.LocalEndPoint.Port ?? Tcp?.LocalEndPoint.Port ?? 0;

    /// <summary>Serialises and sends a message. Throws on socket failure (counted).</summary>
    public async Task SendAsync(SipMessage message, SipDestination destination, CancellationToken cancellationToken = default)
    {
        var bytes = message.ToBytes();
        try
        {
            if (destination.Transport == SipTransportKind.Udp)
            {
                var udp = Udp ?? throw new InvalidOperationException("UDP transport is not enabled");
                await udp.SendAsync(bytes, destination.EndPoint, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var tcp = Tcp ?? throw new InvalidOperationException("TCP transport is not enabled");
                await tcp.SendAsync(bytes, destination.EndPoint, destination.Connection, cancellationToken).ConfigureAwait(false);
            }
            if (message is SipResponse response) Counters.OnResponseSent(response.StatusCode);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Counters.OnSendFailure();
            _logger.LogDebug("Send to {Destination} failed: {Message}", destination, e.Message);
            throw;
        }
    }

    /// <summary>
    /// Where a response to <paramref name="request"/> goes (RFC 3261 §18.2.2 with RFC 3581): on a stream,
    /// the connection the request came on (or a new one to the source address); on UDP, the source address,
    /// at the source port when the client asked for rport, else at the sent-by port (default 5060).
    /// </summary>
    public static SipDestination ResponseDestination(SipInboundMessage request)
    {
        var via = request.Message.TopVia!;
        if (request.Transport.IsReliable())
        {
            // The open connection first; if it is gone, a new one to the source address at the sent-by port,
            // where the client listens (the old connection's port was ephemeral).
            return new SipDestination(request.Transport, new IPEndPoint(request.Remote.Address, via.Port ?? 5060), request.Connection);
        }
        var port = via.HasRport ? request.Remote.Port : via.Port ?? 5060;
        return new SipDestination(request.Transport, new IPEndPoint(request.Remote.Address, port), null);
    }

    ValueTask ISipTransportSink.OnParsed(SipParseResult result, SipTransportKind transport, IPEndPoint remote, IPEndPoint local, TcpSipConnection? connection)
    {
        var message = result.Message!;
        if (result.Error != SipParseError.None)
        {
            RejectMalformed(message, result.Error, transport, remote, local, connection);
            return ValueTask.CompletedTask;
        }
        if (message is SipRequest request) StampVia(request, remote);
        var inbound = new SipInboundMessage(message, transport, remote, local, connection);
        if (_inbound.Writer.TryWrite(inbound))
        {
            Counters.OnReceived();
            return ValueTask.CompletedTask;
        }
        if (transport.IsReliable() && message is not SipRequest { Method: SipMethods.Invite, To.Tag: null })
        {
            // Nothing retransmits on a stream (RFC 3261 §17.1.1.2: Timers A and E are off), so a dropped ACK or
            // BYE would be lost for good: wait for room instead, which stops reading this connection.
            return EnqueueWhenRoomAsync(inbound);
        }
        if (message is SipRequest { Method: SipMethods.Invite } invite && invite.To?.Tag is null)
        {
            Counters.OnQueueFullRejected();
            var busy = SipResponse.CreateFor(invite, 503, toTag: SipIds.NewTag());
            // RFC 3261 §21.5.4: tell the caller when to try again rather than letting it time out.
            busy.Headers.Add(HeaderNames.RetryAfter, "5");
            Reply(busy, inbound);
        }
        else
        {
            Counters.OnQueueFullDropped();
        }
        return ValueTask.CompletedTask;
    }

    private async ValueTask EnqueueWhenRoomAsync(SipInboundMessage inbound)
    {
        try
        {
            await _inbound.Writer.WriteAsync(inbound, inbound.Connection?.ConnectionClosed ?? CancellationToken.None).ConfigureAwait(false);
            Counters.OnReceived();
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // The connection closed or we are shutting down while waiting; the message has nowhere to go.
            Counters.OnQueueFullDropped();
        }
    }

    void ISipTransportSink.OnUnframeable(SipTransportKind transport, IPEndPoint remote, SipParseError error)
    {
        Counters.OnUnparseable();
        _dropLog.Log(() => _logger.LogDebug("Dropped unparseable {Transport} input from {Remote}: {Reason}", transport, remote, error));
    }

    private void RejectMalformed(SipMessage message, SipParseError error, SipTransportKind transport, IPEndPoint remote, IPEndPoint local, TcpSipConnection? connection)
    {
        if (message is SipResponse)
        {
            // RFC 3261 §18.1.2: malformed responses are discarded silently.
            Counters.OnInvalidResponse();
            return;
        }
        var request = (SipRequest)message;
        if (request.Method == SipMethods.Ack || !CanAnswer(request))
        {
            // An ACK gets no response (RFC 3261 §17.1.1.3); without Via/CSeq/Call-ID a response could not be routed.
            Counters.OnUnparseable();
            _dropLog.Log(() => _logger.LogDebug("Dropped malformed {Method} from {Remote}: {Reason}", request.Method, remote, error));
            return;
        }
        var inbound = new SipInboundMessage(request, transport, remote, local, connection);
        // §8.2.6.2: a final response carries a To tag; CreateFor adds ours only when the To parsed without one.
        var response = SipResponse.CreateFor(request, error == SipParseError.UnsupportedVersion ? 505 : 400, error.ToReasonPhrase(), TryHasTo(request) ? SipIds.NewTag() : null);
        Counters.OnBadRequestAnswered();
        if (TryTopVia(request) is not null)
        {
            StampVia(request, remote);
            Reply(response, inbound);
        }
        else
        {
            // The Via itself is what failed (e.g. "SIP/7.0/UDP" in RFC 4475 badvers): §18.2.2 cannot be
            // followed, so answer the packet's source, which is where a non-NATed client listens anyway.
            _ = ReplyObservedAsync(response, inbound.Source);
        }
    }

    private static bool TryHasTo(SipRequest request)
    {
        try
        {
            return request.To is not null;
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    private static SipViaHeader? TryTopVia(SipRequest request)
    {
        try
        {
            return request.TopVia;
        }
        catch (SipParseException)
        {
            return null;
        }
    }

    // A response needs the Via rows, From, To, Call-ID and a CSeq to copy (RFC 3261 §8.2.6.2); the Via rows
    // may be unparseable as long as they exist (they are copied verbatim).
    private static bool CanAnswer(SipRequest request)
    {
        try
        {
            return request.Headers.Contains(HeaderNames.Via) && request.CSeq is not null && request.CallId is { Length: > 0 }
                && request.Headers.Contains(HeaderNames.From) && request.Headers.Contains(HeaderNames.To);
        }
        catch (SipParseException)
        {
            return false;
        }
    }

    private void Reply(SipResponse response, SipInboundMessage request)
    {
        _ = ReplyObservedAsync(response, ResponseDestination(request));
    }

    private async Task ReplyObservedAsync(SipResponse response, SipDestination destination)
    {
        try
        {
            await SendAsync(response, destination).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogDebug("Could not send {Status} to {Destination}: {Message}", response.StatusCode, destination, e.Message);
        }
    }

    /// <summary>
    /// RFC 3261 §18.2.1: add received= when the sent-by host is not the packet's source address;
    /// RFC 3581 §4: when rport is present, fill in the source port and always add received=.
    /// </summary>
    private static void StampVia(SipRequest request, IPEndPoint remote)
    {
        var top = request.TopVia!;
        var source = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        var sourceText = source.ToString();
        var differs = !string.Equals(top.Host.Trim('[', ']'), sourceText, StringComparison.OrdinalIgnoreCase);
        if (!differs && !top.HasRport) return;
        var stamped = top.Clone();
        stamped.Parameters.Set("received", sourceText);
        if (top.HasRport) stamped.Parameters.Set("rport", remote.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var values = request.Headers.GetValues(HeaderNames.Via)!;
        values[0] = stamped.ToString();
        request.Headers.Set(HeaderNames.Via, string.Join(", ", values));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _inbound.Writer.TryComplete();
        if (Udp is not null) await Udp.DisposeAsync().ConfigureAwait(false);
        if (Tcp is not null) await Tcp.DisposeAsync().ConfigureAwait(false);
    }
}
