using System.Buffers;
using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// Parses the head of a message — start line, header lines, and the empty line ending them (RFC 3261 §7) — from
/// one contiguous span that starts at the start line. Lines end in CRLF; a bare LF is accepted too because real
/// peers send it, and nothing in SIP is ambiguous about it. Never throws.
/// </summary>
internal static class SipHeadParser
{
    // Header names longer than this are looked up through a heap copy; no registered name comes close.
    private const int StackNameLimit = 64;

    /// <summary>
    /// Parses the head at the start of <paramref name="input"/>. <paramref name="headLength"/> is the number of
    /// bytes up to and including the terminating empty line. The message is null when the head cannot be framed
    /// (no empty line: <see cref="SipParseError.UnterminatedHeaders"/>) or the start line is not understood; it is
    /// set with <see cref="SipParseError.InvalidHeaderLine"/> when some header line is broken (that line is left
    /// out), so that the receiver can still answer 400 from Via, CSeq and Call-ID.
    /// </summary>
    public static SipParseError Parse(ReadOnlySpan<byte> input, out SipMessage? message, out int headLength, out ContentLengthField contentLength)
    {
        message = null;
        contentLength = default;
        headLength = FindHeadLength(input);
        if (headLength < 0) return SipParseError.UnterminatedHeaders;
        var pos = 0;
        var startLine = NextLine(input, ref pos);
        var error = SipStartLineParser.Parse(startLine, out message);
        if (message is null) return error;
        var groupStart = -1;
        while (true)
        {
            var lineStart = pos;
            var line = NextLine(input, ref pos);
            // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header (LWS folding).
            if (!line.IsEmpty && line[0] is (byte)' ' or (byte)'\t')
            {
                if (groupStart < 0)
                {
                    error = First(error, SipParseError.InvalidHeaderLine);
                }
                continue;
            }
            if (groupStart >= 0)
            {
                error = First(error, AddHeader(message, input[groupStart..lineStart], ref contentLength));
            }
            if (line.IsEmpty) return error;
            groupStart = lineStart;
        }
    }

    // Length of the head including its empty line, or -1 when the input holds no empty line after the start line.
    private static int FindHeadLength(ReadOnlySpan<byte> input)
    {
        var pos = 0;
        NextLine(input, ref pos);
        while (pos < input.Length)
        {
            var end = input[pos..].IndexOf((byte)'\n');
            if (end < 0) return -1;
            var blank = end == 0 || (end == 1 && input[pos] == '\r');
            pos += end + 1;
            if (blank) return pos;
        }
        return -1;
    }

    // The next line without its LF and without one CR before the LF; pos moves past the LF.
    private static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> input, ref int pos)
    {
        var rest = input[pos..];
        var lf = rest.IndexOf((byte)'\n');
        var line = lf < 0 ? rest : rest[..lf];
        pos += lf < 0 ? rest.Length : lf + 1;
        return !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;
    }

    private static SipParseError First(SipParseError current, SipParseError next) =>
        current != SipParseError.None ? current : next;

    // One header: its name line plus continuation lines. message-header = field-name HCOLON field-value, with
    // HCOLON = *( SP / HTAB ) ":" SWS, so whitespace may precede the colon (wsinv's "TO :", RFC 4475 §3.1.1.1).
    private static SipParseError AddHeader(SipMessage message, ReadOnlySpan<byte> group, ref ContentLengthField contentLength)
    {
        var pos = 0;
        var first = NextLine(group, ref pos);
        var colon = first.IndexOf((byte)':');
        if (colon < 0) return SipParseError.InvalidHeaderLine;
        var nameBytes = first[..colon].TrimEnd(" \t"u8);
        if (!SipGrammar.IsToken(nameBytes)) return SipParseError.InvalidHeaderLine;
        byte[]? joined = null;
        try
        {
            var value = ReadValue(first[(colon + 1)..], group[pos..], ref joined);
            // A CR not followed by LF is no line ending; letting it through would split the header for the next hop.
            if (value.Contains((byte)'\r')) return SipParseError.InvalidHeaderLine;
            var name = CanonicalName(nameBytes);
            if (name == HeaderNames.ContentLength) contentLength.Add(value);
            message.Headers.AddCanonical(name, value.IsEmpty ? string.Empty : Encoding.UTF8.GetString(value));
            return SipParseError.None;
        }
        finally
        {
            if (joined is not null) ArrayPool<byte>.Shared.Return(joined);
        }
    }

    // The value with surrounding whitespace removed and each fold (CRLF plus leading whitespace) replaced by one
    // SP, as RFC 3261 §7.3.1 allows before interpreting it. Only folded values need a buffer, rented into joined.
    private static ReadOnlySpan<byte> ReadValue(ReadOnlySpan<byte> firstLine, ReadOnlySpan<byte> continuation, ref byte[]? joined)
    {
        var head = firstLine.Trim(" \t"u8);
        if (continuation.IsEmpty) return head;
        joined = ArrayPool<byte>.Shared.Rent(head.Length + continuation.Length + 1);
        head.CopyTo(joined);
        var length = head.Length;
        var pos = 0;
        while (pos < continuation.Length)
        {
            var piece = NextLine(continuation, ref pos).Trim(" \t"u8);
            if (piece.IsEmpty) continue;
            if (length > 0) joined[length++] = (byte)' ';
            piece.CopyTo(joined.AsSpan(length));
            length += piece.Length;
        }
        return joined.AsSpan(0, length);
    }

    // Well-known and compact names come back as the interned constants of HeaderNames; others are allocated.
    private static string CanonicalName(ReadOnlySpan<byte> name)
    {
        if (name.Length <= StackNameLimit)
        {
            Span<char> chars = stackalloc char[name.Length];
            for (var i = 0; i < name.Length; i++) chars[i] = (char)name[i];
            if (HeaderNames.TryGetCanonical(chars, out var known)) return known;
        }
        return Encoding.ASCII.GetString(name);
    }
}
