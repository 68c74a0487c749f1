using System.Text;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Byte-level helpers for the space-separated fields of SDP lines. RFC 4566 §5 separates fields with exactly one
/// space; runs of spaces and tabs are accepted as well, since tolerating them is free.
/// </summary>
internal static class SdpTokens
{
    private const int MaxQuotedLength = 32;

    /// <summary>Takes the next whitespace-delimited token off the front of <paramref name="rest"/>.</summary>
    public static ReadOnlySpan<byte> Next(ref ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimStart(" \t"u8);
        var end = rest.IndexOfAny(" \t"u8);
        ReadOnlySpan<byte> token;
        if (end < 0)
        {
            token = rest;
            rest = default;
        }
        else
        {
            token = rest[..end];
            rest = rest[end..].TrimStart(" \t"u8);
        }

        return token;
    }

    /// <summary>Takes the last whitespace-delimited token off the end of <paramref name="rest"/>.</summary>
    public static ReadOnlySpan<byte> Last(ref ReadOnlySpan<byte> rest)
    {
        rest = rest.TrimEnd(" \t"u8);
        var start = rest.LastIndexOfAny(" \t"u8);
        var token = rest[(start + 1)..];
        rest = start < 0 ? default : rest[..start].TrimEnd(" \t"u8);
        return token;
    }

    /// <summary>Parses an unsigned decimal with no sign, spaces or separators, rejecting overflow.</summary>
    public static bool TryParseUInt64(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || value > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    /// <summary>Parses an unsigned decimal no larger than <paramref name="max"/>.</summary>
    public static bool TryParseInt32(ReadOnlySpan<byte> digits, int max, out int value)
    {
        if (TryParseUInt64(digits, out var wide) && wide <= (ulong)max)
        {
            value = (int)wide;
            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>Decodes a field as UTF-8; invalid sequences become U+FFFD rather than failing the body.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>
    /// Quotes a short piece of input for an error message. Peer data is truncated so that a hostile body cannot
    /// flood the logs through our error text.
    /// </summary>
    public static string Quote(ReadOnlySpan<byte> utf8)
    {
        var text = utf8.Length > MaxQuotedLength ? Decode(utf8[..MaxQuotedLength]) + "…" : Decode(utf8);
        return "\"" + text + "\"";
    }
}
