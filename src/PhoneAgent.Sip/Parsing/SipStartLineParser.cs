using System.Text;

namespace PhoneAgent.Sip.Parsing;

/// <summary>
/// Parses the first line of a message (RFC 3261 §7.1 Request-Line, §7.2 Status-Line) from bytes without its
/// line ending. The elements are separated by exactly one SP: RFC 4475 §3.1.2.9 (lwsstart) and §3.1.2.10 (trws)
/// are rejected rather than repaired, since repairing is what lets a proxy forward something else than it checked.
/// </summary>
internal static class SipStartLineParser
{
    private static readonly (byte[] Bytes, string Name)[] KnownMethods =
    [
        .. new[]
        {
            SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Options, SipMethods.Register,
            SipMethods.Info, SipMethods.Refer, SipMethods.Notify, SipMethods.Update, SipMethods.Prack, SipMethods.Subscribe,
            SipMethods.Message,
        }.Select(m => (Encoding.ASCII.GetBytes(m), m)),
    ];

    private enum VersionKind
    {
        Invalid,
        Sip20,
        Other,
    }

    /// <summary>
    /// Parses <paramref name="line"/>. The message is null when the line cannot be understood; with
    /// <see cref="SipParseError.UnsupportedVersion"/> it is returned anyway so that a request can be answered 505
    /// (RFC 3261 §8.2.2 via §21.5.6; badvers, RFC 4475 §3.1.2.16).
    /// </summary>
    public static SipParseError Parse(ReadOnlySpan<byte> line, out SipMessage? message)
    {
        message = null;
        // SIP-Version is case-insensitive (RFC 3261 §7.1); '/' is not a token character, so no method starts so.
        return line.Length >= 4 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8)
            ? ParseStatusLine(line, out message)
            : ParseRequestLine(line, out message);
    }

    // Request-Line = Method SP Request-URI SP SIP-Version
    private static SipParseError ParseRequestLine(ReadOnlySpan<byte> line, out SipMessage? message)
    {
        message = null;
        var first = line.IndexOf((byte)' ');
        var last = line.LastIndexOf((byte)' ');
        if (first <= 0 || last == first) return SipParseError.InvalidStartLine;
        var uriBytes = line[(first + 1)..last];
        if (uriBytes.IsEmpty || uriBytes[0] == ' ' || uriBytes[^1] == ' ') return SipParseError.InvalidStartLine;
        var version = ClassifyVersion(line[(last + 1)..]);
        if (version == VersionKind.Invalid) return SipParseError.InvalidStartLine;
        var methodBytes = line[..first];
        if (!SipGrammar.IsToken(methodBytes)) return SipParseError.InvalidMethod;
        // Embedded LWS (lwsruri, RFC 4475 §3.1.2.8) leaves SP inside what lies between the first and last SP.
        if (uriBytes.IndexOfAny((byte)' ', (byte)'\t') >= 0 || !Ascii.IsValid(uriBytes)) return SipParseError.InvalidRequestUri;
        if (!SipUri.TryParse(Encoding.ASCII.GetString(uriBytes), out var uri)) return SipParseError.InvalidRequestUri;
        message = new SipRequest(MethodName(methodBytes), uri);
        return version == VersionKind.Sip20 ? SipParseError.None : SipParseError.UnsupportedVersion;
    }

    // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; Status-Code = 3DIGIT, 100-699 (§7.2, §21).
    private static SipParseError ParseStatusLine(ReadOnlySpan<byte> line, out SipMessage? message)
    {
        message = null;
        var sp = line.IndexOf((byte)' ');
        if (sp < 0) return SipParseError.InvalidStartLine;
        var version = ClassifyVersion(line[..sp]);
        if (version == VersionKind.Invalid) return SipParseError.InvalidStartLine;
        var rest = line[(sp + 1)..];
        var codeEnd = rest.IndexOf((byte)' ');
        var codeBytes = codeEnd < 0 ? rest : rest[..codeEnd];
        // bigcode's 4294967301 (RFC 4475 §3.1.2.19) fails the length test before any arithmetic could overflow.
        if (codeBytes.Length != 3 || codeBytes.ContainsAnyExceptInRange((byte)'0', (byte)'9')) return SipParseError.InvalidStatusCode;
        var code = (codeBytes[0] - '0') * 100 + (codeBytes[1] - '0') * 10 + (codeBytes[2] - '0');
        if (code is < 100 or > 699) return SipParseError.InvalidStatusCode;
        // Reason-Phrase is text, UTF-8 included (unreason, RFC 4475 §3.1.1.12), and may be empty (noreason,
        // §3.1.1.13). A missing SP before an empty phrase is tolerated: nothing is ambiguous about it.
        var reason = codeEnd < 0 ? ReadOnlySpan<byte>.Empty : rest[(codeEnd + 1)..];
        if (ContainsControl(reason)) return SipParseError.InvalidStartLine;
        message = new SipResponse(code, reason.IsEmpty ? string.Empty : Encoding.UTF8.GetString(reason));
        return version == VersionKind.Sip20 ? SipParseError.None : SipParseError.UnsupportedVersion;
    }

    // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; anything else is not a start line at all.
    private static VersionKind ClassifyVersion(ReadOnlySpan<byte> v)
    {
        if (v.Length < 7 || !Ascii.EqualsIgnoreCase(v[..4], "SIP/"u8)) return VersionKind.Invalid;
        var numbers = v[4..];
        var dot = numbers.IndexOf((byte)'.');
        if (dot <= 0 || dot == numbers.Length - 1) return VersionKind.Invalid;
        if (numbers[..dot].ContainsAnyExceptInRange((byte)'0', (byte)'9') ||
            numbers[(dot + 1)..].ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return VersionKind.Invalid;
        }
        return numbers.SequenceEqual("2.0"u8) ? VersionKind.Sip20 : VersionKind.Other;
    }

    private static bool ContainsControl(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
        {
            if ((b < 0x20 && b != '\t') || b == 0x7f) return true;
        }
        return false;
    }

    // Methods are case-sensitive tokens (RFC 3261 §7.1); the common ones reuse the interned constants.
    private static string MethodName(ReadOnlySpan<byte> method)
    {
        foreach (var (bytes, name) in KnownMethods)
        {
            if (method.SequenceEqual(bytes)) return name;
        }
        return Encoding.ASCII.GetString(method);
    }
}
