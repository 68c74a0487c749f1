namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Walks the lines of an SDP body. RFC 4566 §5 mandates CRLF but asks parsers to accept a bare LF too, and
/// real peers add trailing spaces and blank lines, so each line is trimmed and blank lines are skipped.
/// Line numbers count every physical line so that errors point at the right place.
/// </summary>
internal ref struct SdpLineReader
{
    private ReadOnlySpan<byte> _remaining;

    public SdpLineReader(ReadOnlySpan<byte> body)
    {
        // A UTF-8 byte order mark is never valid SDP, but some Windows-based stacks write one.
        _remaining = body.StartsWith("\uFEFF"u8) ? body[3..] : body;
    }

    /// <summary>The current non-blank line, trimmed of surrounding whitespace and its terminator.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>The 1-based physical line number of <see cref="Current"/>.</summary>
    public int LineNumber { get; private set; }

    public bool MoveNext()
    {
        while (!_remaining.IsEmpty)
        {
            LineNumber++;
            var end = _remaining.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (end < 0)
            {
                line = _remaining;
                _remaining = default;
            }
            else
            {
                line = _remaining[..end];
                _remaining = _remaining[(end + 1)..];
            }

            line = line.Trim(" \t\r"u8);
            if (!line.IsEmpty)
            {
                Current = line;
                return true;
            }
        }

        Current = default;
        return false;
    }
}
