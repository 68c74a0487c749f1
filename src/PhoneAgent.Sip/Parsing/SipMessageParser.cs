using System.Buffers;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// Parses SIP messages from datagrams and from byte streams (RFC 3261 §7, §18.3). Malformed input is reported
/// through <see cref="SipParseResult.Error"/> and <see cref="SipFrameStatus"/>, never by an exception.
/// </summary>
public static class SipMessageParser
{
    /// <summary>Largest message accepted over any transport.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024;

    private static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    private static ReadOnlySpan<byte> CrLfCrLf => "\r\n\r\n"u8;

    /// <summary>
    /// Parses one whole datagram (UDP: one message per datagram, RFC 3261 §18.3). Line breaks before the start
    /// line are skipped (§7.5). With a Content-Length, octets beyond it are discarded (§18.3; dblreq, RFC 4475
    /// §3.1.1.8) and fewer octets than announced is <see cref="SipParseError.BodyShorterThanContentLength"/>
    /// (clerr, §3.1.2.2); without one the body is the rest of the datagram. <see cref="SipParseResult.Message"/>
    /// is null only when no message could be framed at all.
    /// </summary>
    public static SipParseResult ParseDatagram(ReadOnlySpan<byte> datagram, int maxMessageSize = DefaultMaxMessageSize)
    {
        if (datagram.Length > maxMessageSize) return new(null, SipParseError.MessageTooLarge);
        var input = datagram[LeadingLineBreaks(datagram)..];
        // A datagram of nothing but CRLFs is a keep-alive, not a message (RFC 5626 §3.5.1 uses them on streams).
        if (input.IsEmpty) return new(null, SipParseError.Empty);
        var error = SipHeadParser.Parse(input, out var message, out var headLength, out var contentLength);
        if (message is null) return new(null, error);
        var rest = input[headLength..];
        var body = rest;
        if (contentLength.Count > 0)
        {
            if (contentLength.IsInvalid) error = First(error, SipParseError.InvalidContentLength);
            else if (contentLength.IsConflicting) error = First(error, SipParseError.DuplicateHeader);
            else if (contentLength.Value > rest.Length) error = First(error, SipParseError.BodyShorterThanContentLength);
            else body = rest[..(int)contentLength.Value];
        }
        message.Body = body.ToArray();
        return new(message, error != SipParseError.None ? error : message.Validate());
    }

    /// <summary>
    /// Frames the next message of a stream by Content-Length (RFC 3261 §18.3), Kestrel style: on
    /// <see cref="SipFrameStatus.NeedMoreData"/> nothing is consumed and <paramref name="examined"/> is the end.
    /// On <see cref="SipFrameStatus.Message"/> and <see cref="SipFrameStatus.KeepAlive"/>,
    /// <paramref name="consumed"/> and <paramref name="examined"/> sit just past what was read, so further messages
    /// stay in the buffer for the next call. On <see cref="SipFrameStatus.Invalid"/> the whole buffer counts as
    /// consumed, <paramref name="result"/> says why, and the connection must be closed: the stream cannot be
    /// resynchronised once framing is lost.
    /// </summary>
    public static SipFrameStatus TryReadFrame(
        in ReadOnlySequence<byte> buffer,
        int maxMessageSize,
        out SipParseResult result,
        out SequencePosition consumed,
        out SequencePosition examined)
    {
        result = default;
        consumed = buffer.Start;
        examined = buffer.End;
        var reader = new SequenceReader<byte>(buffer);
        // RFC 5626 §3.5.1: a CRLFCRLF "ping" between messages is answered with a CRLF "pong".
        if (reader.IsNext(CrLfCrLf, advancePast: true))
        {
            consumed = examined = reader.Position;
            return SipFrameStatus.KeepAlive;
        }
        if (buffer.Length < CrLfCrLf.Length && IsPrefixOfPing(buffer)) return SipFrameStatus.NeedMoreData;
        // RFC 3261 §7.5: other CRLFs before a start line are ignored.
        while (reader.IsNext((byte)'\n', advancePast: true) || reader.IsNext(CrLf, advancePast: true))
        {
        }
        var messageStart = reader.Position;
        var headLength = FindHeadLength(ref reader, maxMessageSize);
        if (headLength < 0)
        {
            return buffer.Length > maxMessageSize
                ? Invalid(buffer, new(null, SipParseError.MessageTooLarge), out result, out consumed, out examined)
                : SipFrameStatus.NeedMoreData;
        }
        var head = buffer.Slice(messageStart, headLength);
        var error = ParseHead(head, out var message, out var contentLength);
        if (message is null) return Invalid(buffer, new(null, error), out result, out consumed, out examined);
        // RFC 3261 §18.3/§20.14: Content-Length is mandatory on streams; without a trustworthy one the end of
        // this message, and with it the start of the next, is unknown (mcl01, RFC 4475 §3.3.9).
        var framingError =
            contentLength.Count == 0 ? SipParseError.MissingRequiredHeader
            : contentLength.IsInvalid ? SipParseError.InvalidContentLength
            : contentLength.IsConflicting ? SipParseError.DuplicateHeader
            : headLength + contentLength.Value > maxMessageSize ? SipParseError.MessageTooLarge
            : SipParseError.None;
        if (framingError != SipParseError.None) return Invalid(buffer, new(message, framingError), out result, out consumed, out examined);
        var afterHead = buffer.Slice(head.End);
        if (afterHead.Length < contentLength.Value) return SipFrameStatus.NeedMoreData;
        var body = afterHead.Slice(0, contentLength.Value);
        message.Body = body.ToArray();
        result = new(message, error != SipParseError.None ? error : message.Validate());
        consumed = examined = body.End;
        return SipFrameStatus.Message;
    }

    private static SipParseError First(SipParseError current, SipParseError next) =>
        current != SipParseError.None ? current : next;

    private static int LeadingLineBreaks(ReadOnlySpan<byte> input)
    {
        var i = 0;
        while (i < input.Length)
        {
            if (input[i] == '\n') i++;
            else if (input[i] == '\r' && i + 1 < input.Length && input[i + 1] == '\n') i += 2;
            else break;
        }
        return i;
    }

    private static bool IsPrefixOfPing(in ReadOnlySequence<byte> buffer)
    {
        Span<byte> prefix = stackalloc byte[CrLfCrLf.Length];
        buffer.CopyTo(prefix);
        return prefix[..(int)buffer.Length].SequenceEqual(CrLfCrLf[..(int)buffer.Length]);
    }

    // Length from the reader's position through the empty line ending the head, or -1 when the buffer does not
    // hold it yet or it would exceed maxMessageSize (the caller tells the two apart by the buffer's length).
    private static long FindHeadLength(ref SequenceReader<byte> reader, int maxMessageSize)
    {
        var start = reader.Consumed;
        while (reader.TryAdvanceTo((byte)'\n'))
        {
            if (reader.Consumed - start > maxMessageSize) return -1;
            if (reader.IsNext((byte)'\n', advancePast: true) || reader.IsNext(CrLf, advancePast: true))
            {
                var length = reader.Consumed - start;
                return length > maxMessageSize ? -1 : length;
            }
        }
        return -1;
    }

    // The head is copied only when the buffer splits it across segments; strings are made from the copy.
    private static SipParseError ParseHead(in ReadOnlySequence<byte> head, out SipMessage? message, out ContentLengthField contentLength)
    {
        if (head.IsSingleSegment) return SipHeadParser.Parse(head.FirstSpan, out message, out _, out contentLength);
        var length = (int)head.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            head.CopyTo(rented);
            return SipHeadParser.Parse(rented.AsSpan(0, length), out message, out _, out contentLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static SipFrameStatus Invalid(
        in ReadOnlySequence<byte> buffer,
        SipParseResult failure,
        out SipParseResult result,
        out SequencePosition consumed,
        out SequencePosition examined)
    {
        result = failure;
        consumed = examined = buffer.End;
        return SipFrameStatus.Invalid;
    }
}
