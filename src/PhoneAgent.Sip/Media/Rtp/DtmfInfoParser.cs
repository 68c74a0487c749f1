using System.Buffers.Text;
using System.Text;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Reads DTMF sent in SIP INFO bodies instead of RTP, as many PBXs and SBCs do: <c>application/dtmf-relay</c>
/// (<c>Signal=5</c> and <c>Duration=160</c> lines, the duration in milliseconds) and <c>application/dtmf</c> (just the
/// digit). Neither has an RFC; both are de facto formats, so parsing is lenient about case, spaces and line endings.
/// </summary>
public static class DtmfInfoParser
{
    /// <summary>The key/value body type.</summary>
    public const string DtmfRelayContentType = "application/dtmf-relay";

    /// <summary>The bare-digit body type.</summary>
    public const string DtmfContentType = "application/dtmf";

    /// <summary>
    /// Parses an INFO body of either type. False when the content type is neither, or the body holds no valid digit.
    /// A missing or malformed <c>Duration</c> does not reject the digit: the key press is what matters.
    /// </summary>
    /// <param name="contentType">The Content-Type header value; parameters after <c>;</c> are ignored.</param>
    /// <param name="body">The message body.</param>
    /// <param name="digit">The key press, with <see cref="TimeSpan.Zero"/> duration when none was given.</param>
    public static bool TryParse(ReadOnlySpan<char> contentType, ReadOnlySpan<byte> body, out DtmfDigit digit)
    {
        digit = default;
        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        if (mediaType.Equals(DtmfContentType, StringComparison.OrdinalIgnoreCase))
        {
            if (!TryParseSignal(body.Trim(" \t\r\n"u8), out var bare))
            {
                return false;
            }

            digit = new DtmfDigit(bare, TimeSpan.Zero);
            return true;
        }

        return mediaType.Equals(DtmfRelayContentType, StringComparison.OrdinalIgnoreCase) && TryParseRelay(body, out digit);
    }

    private static bool TryParseRelay(ReadOnlySpan<byte> body, out DtmfDigit digit)
    {
        char? signal = null;
        var duration = TimeSpan.Zero;
        foreach (var range in body.Split((byte)'\n'))
        {
            var line = body[range];
            var equals = line.IndexOf((byte)'=');
            if (equals < 0)
            {
                continue;
            }

            var key = line[..equals].Trim(" \t\r"u8);
            var value = line[(equals + 1)..].Trim(" \t\r"u8);
            if (Ascii.EqualsIgnoreCase(key, "Signal"u8))
            {
                signal = TryParseSignal(value, out var c) ? c : null;
            }
            else if (Ascii.EqualsIgnoreCase(key, "Duration"u8) && Utf8Parser.TryParse(value, out int ms, out var consumed) && consumed == value.Length && ms >= 0)
            {
                duration = TimeSpan.FromMilliseconds(ms);
            }
        }

        digit = signal is { } s ? new DtmfDigit(s, duration) : default;
        return signal is not null;
    }

    /// <summary>A digit character, or an RFC 4733 event code 0–15 written as a number, which some gateways send.</summary>
    private static bool TryParseSignal(ReadOnlySpan<byte> value, out char digit)
    {
        if (value.Length == 1 && DtmfEvents.TryGetEventCode((char)value[0], out var code))
        {
            return DtmfEvents.TryGetDigit(code, out digit);
        }

        if (Utf8Parser.TryParse(value, out int number, out var consumed) && consumed == value.Length)
        {
            return DtmfEvents.TryGetDigit(number, out digit);
        }

        digit = default;
        return false;
    }
}
