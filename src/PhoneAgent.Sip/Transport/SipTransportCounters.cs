namespace PhoneAgent.Sip.Transport;

/// <summary>
/// Counters for what the transports dropped or refused, so garbage and overload are visible
/// (drops are counted, never logged raw at Error; pjproject #3480).
/// </summary>
public sealed class SipTransportCounters
{
    private long _received;
    private long _unparseableDropped;
    private long _badRequestsAnswered;
    private long _invalidResponsesDropped;
    private long _queueFullDropped;
    private long _queueFullRejected;
    private long _sendFailures;
    private long _streamsClosedOnFramingError;
    private long _connectionsRefused;
    // One slot per status code 100-699 (RFC 3261 §7.2): a fixed array keeps counting lock- and allocation-free.
    private readonly long[] _responsesSent = new long[600];

    /// <summary>Messages that parsed and validated.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Inputs that could not be framed or lacked what a 400 needs (Via, CSeq, Call-ID).</summary>
    public long UnparseableDropped => Interlocked.Read(ref _unparseableDropped);

    /// <summary>Malformed requests answered with 400.</summary>
    public long BadRequestsAnswered => Interlocked.Read(ref _badRequestsAnswered);

    /// <summary>Malformed responses dropped (RFC 3261 §18.1.2 discards them silently).</summary>
    public long InvalidResponsesDropped => Interlocked.Read(ref _invalidResponsesDropped);

    /// <summary>Messages dropped because processing was behind (a retransmission will recover them).</summary>
    public long QueueFullDropped => Interlocked.Read(ref _queueFullDropped);

    /// <summary>New INVITEs refused with 503 because processing was behind.</summary>
    public long QueueFullRejected => Interlocked.Read(ref _queueFullRejected);

    /// <summary>Sends that failed at the socket.</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>TCP connections closed because the stream could not be framed.</summary>
    public long StreamsClosedOnFramingError => Interlocked.Read(ref _streamsClosedOnFramingError);

    /// <summary>TCP connections closed at accept because <see cref="TcpSipTransport.MaxConnections"/> were open.</summary>
    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>
    /// Responses handed to a socket, by status code: every one the user agent sends (transactions, calls, and the
    /// transport's own 400 and 503), retransmissions included, since each is a message on the wire.
    /// </summary>
    public IReadOnlyList<(int StatusCode, long Count)> ResponsesSent()
    {
        var sent = new List<(int, long)>();
        for (var i = 0; i < _responsesSent.Length; i++)
        {
            var count = Interlocked.Read(ref _responsesSent[i]);
            if (count > 0) sent.Add((i + 100, count));
        }
        return sent;
    }

    internal void OnResponseSent(int statusCode)
    {
        if (statusCode is >= 100 and <= 699) Interlocked.Increment(ref _responsesSent[statusCode - 100]);
    }

    internal void OnConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);
    internal void OnReceived() => Interlocked.Increment(ref _received);
    internal void OnUnparseable() => Interlocked.Increment(ref _unparseableDropped);
    internal void OnBadRequestAnswered() => Interlocked.Increment(ref _badRequestsAnswered);
    internal void OnInvalidResponse() => Interlocked.Increment(ref _invalidResponsesDropped);
    internal void OnQueueFullDropped() => Interlocked.Increment(ref _queueFullDropped);
    internal void OnQueueFullRejected() => Interlocked.Increment(ref _queueFullRejected);
    internal void OnSendFailure() => Interlocked.Increment(ref _sendFailures);
    internal void OnStreamFramingError() => Interlocked.Increment(ref _streamsClosedOnFramingError);
}
