using System.Buffers;

namespace PhoneAgent.Sip.Parsing;

/// <summary>Parses SIP messages from datagrams and from byte streams (RFC 3261 §7, §18.3).</summary>
public static class SipMessageParser
{
    /// <summary>Largest message accepted over any transport.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024;

    /// <summary>Parses one whole datagram (UDP: one message per datagram, RFC 3261 §18.3).</summary>
    public static SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram, int maxMessageSize = DefaultMaxMessageSize) =>
        throw new NotImplementedException();

    /// <summary>
    /// Frames the next message of a stream by Content-Length (RFC 3261 §18.3), Kestrel style: on
    /// <see cref="SipFrameStatus.NeedMoreData"/> nothing is consumed and <paramref name="examined"/> is the end.
    /// </summary>
    public static SipFrameStatus TryReadFrame(
        in ReadOnlySequence<byte> buffer,
        int maxMessageSize,
        out SipParseResult result,
        out SequencePosition consumed,
        out SequencePosition examined) => throw new NotImplementedException();
}
