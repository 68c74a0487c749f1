using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>
/// Table-driven parser cases in the manner of Kestrel's HttpParsingData: start lines and header lines, each valid
/// case with what it must parse to and each invalid one with its <see cref="SipParseError"/>. Header cases are
/// wrapped into a minimal valid message by <see cref="Message"/>.
/// </summary>
public static class SipParsingData
{
    /// <summary>Headers that make a request valid; a case replaces or adds to them.</summary>
    public const string MandatoryHeaders =
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:bob@example.com>\r\n" +
        "From: \"Alice\" <sip:alice@example.org>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.org\r\n" +
        "CSeq: 314159 OPTIONS\r\n";

    /// <summary>An OPTIONS request with the mandatory headers, <paramref name="extra"/> header lines and no body.</summary>
    public static byte[] Message(string extra = "") => Message("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS", extra);

    /// <summary>A message with the given start line, the mandatory headers (CSeq naming <paramref name="cseqMethod"/>) and no body.</summary>
    public static byte[] Message(string startLine, string cseqMethod, string extra = "") =>
        System.Text.Encoding.UTF8.GetBytes(
            $"{startLine}\r\n{MandatoryHeaders.Replace("314159 OPTIONS", $"314159 {cseqMethod}", StringComparison.Ordinal)}{extra}Content-Length: 0\r\n\r\n");

    public static TheoryData<string, string, string> ValidRequestLines => new()
    {
        { "INVITE sip:bob@example.com SIP/2.0", "INVITE", "sip:bob@example.com" },
        { "ACK sip:bob@192.0.2.4:5062;transport=tcp SIP/2.0", "ACK", "sip:bob@192.0.2.4:5062;transport=tcp" },
        { "OPTIONS sips:[2001:db8::10]:5061 SIP/2.0", "OPTIONS", "sips:[2001:db8::10]:5061" },
        { "REGISTER sip:example.com sip/2.0", "REGISTER", "sip:example.com" },
        { "MESSAGE tel:+1-201-555-0123 SIP/2.0", "MESSAGE", "tel:+1-201-555-0123" },
        { "X-CUSTOM.~!%*_+`' sip:x@example.com SIP/2.0", "X-CUSTOM.~!%*_+`'", "sip:x@example.com" },
        { "invite sip:bob@example.com SIP/2.0", "invite", "sip:bob@example.com" },
    };

    public static TheoryData<string, int, string> ValidStatusLines => new()
    {
        { "SIP/2.0 200 OK", 200, "OK" },
        { "SIP/2.0 180 Ringing", 180, "Ringing" },
        { "SIP/2.0 486 Busy  Here\t(really)", 486, "Busy  Here\t(really)" },
        { "SIP/2.0 100 ", 100, "" },
        { "SIP/2.0 100", 100, "" },
        { "sip/2.0 699 Max", 699, "Max" },
        { "SIP/2.0 503 Überlastet", 503, "Überlastet" },
    };

    public static TheoryData<string, SipParseError> InvalidStartLines => new()
    {
        { "INVITE sip:bob@example.com", SipParseError.InvalidStartLine },
        { "INVITE", SipParseError.InvalidStartLine },
        { " INVITE sip:bob@example.com SIP/2.0", SipParseError.InvalidStartLine },
        { "INVITE  sip:bob@example.com SIP/2.0", SipParseError.InvalidStartLine },
        { "INVITE sip:bob@example.com  SIP/2.0", SipParseError.InvalidStartLine },
        { "INVITE sip:bob@example.com SIP/2.0 ", SipParseError.InvalidStartLine },
        { "INVITE sip:bob@example.com HTTP/1.1", SipParseError.InvalidStartLine },
        { "INVITE sip:bob@example.com SIP/2", SipParseError.InvalidStartLine },
        { "INVITE sip:bob@example.com SIP/x.0", SipParseError.InvalidStartLine },
        { "INVITE sip:bob@example.com SIP/3.0", SipParseError.UnsupportedVersion },
        { "INVITE sip:bob@example.com SIP/2.1", SipParseError.UnsupportedVersion },
        { "INV(ITE sip:bob@example.com SIP/2.0", SipParseError.InvalidMethod },
        { "INV:ITE sip:bob@example.com SIP/2.0", SipParseError.InvalidMethod },
        { "INVITE <sip:bob@example.com> SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@example.com; lr SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@ SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@exa_mple.com SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@example.com:99999 SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@[2001:db8::1 SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE bob@example.com SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:b%zzob@example.com SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@example.com;;lr SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:bob@example.com;maddr= SIP/2.0", SipParseError.InvalidRequestUri },
        { "INVITE sip:b\u00f6b@example.com SIP/2.0", SipParseError.InvalidRequestUri },
        { "SIP/2.0 4294967301 better not break the receiver", SipParseError.InvalidStatusCode },
        { "SIP/2.0 99 Too Small", SipParseError.InvalidStatusCode },
        { "SIP/2.0 700 Too Big", SipParseError.InvalidStatusCode },
        { "SIP/2.0 2OO OK", SipParseError.InvalidStatusCode },
        { "SIP/2.0  200 OK", SipParseError.InvalidStatusCode },
        { "SIP/2.0 20 OK", SipParseError.InvalidStatusCode },
        { "SIP/2.0 200 O\u0001K", SipParseError.InvalidStartLine },
        { "SIP/2.0", SipParseError.InvalidStartLine },
        { "SIP/7.0 200 OK", SipParseError.UnsupportedVersion },
    };

    /// <summary>A header line (with its CRLF and any folding) and the name and value it must produce.</summary>
    public static TheoryData<string, string, string> ValidHeaders => new()
    {
        { "Subject: lunch\r\n", "Subject", "lunch" },
        { "Subject:lunch\r\n", "Subject", "lunch" },
        { "Subject   :   lunch   \r\n", "Subject", "lunch" },
        { "Subject:\t lunch\t\r\n", "Subject", "lunch" },
        { "Subject:\r\n", "Subject", "" },
        { "Subject:   \r\n", "Subject", "" },
        { "subject: lunch\r\n", "Subject", "lunch" },
        { "SUBJECT: lunch\r\n", "Subject", "lunch" },
        { "s: lunch\r\n", "Subject", "lunch" },
        { "X-Odd.Name!%*_+`'~: v\r\n", "X-Odd.Name!%*_+`'~", "v" },
        { "Subject: lunch\r\n at noon\r\n", "Subject", "lunch at noon" },
        { "Subject: lunch\r\n\t at noon\r\n", "Subject", "lunch at noon" },
        { "Subject: lunch   \r\n      at\r\n noon\r\n", "Subject", "lunch at noon" },
        { "Subject:\r\n lunch\r\n", "Subject", "lunch" },
        { "Subject: lunch\r\n   \r\n at noon\r\n", "Subject", "lunch at noon" },
        { "Subject: a: b: c\r\n", "Subject", "a: b: c" },
        { "Subject: caf\u00e9 \u2615\r\n", "Subject", "caf\u00e9 \u2615" },
        { "Subject: nul\u0000inside\r\n", "Subject", "nul\u0000inside" },
    };

    /// <summary>RFC 3261 §7.3.3 and IANA compact forms and their canonical names.</summary>
    public static TheoryData<string, string> CompactHeaders => new()
    {
        { "i", HeaderNames.CallId },
        { "m", HeaderNames.Contact },
        { "e", HeaderNames.ContentEncoding },
        { "l", HeaderNames.ContentLength },
        { "c", HeaderNames.ContentType },
        { "f", HeaderNames.From },
        { "s", HeaderNames.Subject },
        { "k", HeaderNames.Supported },
        { "t", HeaderNames.To },
        { "v", HeaderNames.Via },
        { "o", HeaderNames.Event },
        { "r", HeaderNames.ReferTo },
        { "b", HeaderNames.ReferredBy },
        { "x", HeaderNames.SessionExpires },
    };

    /// <summary>Extra header lines that break the message, and the reason.</summary>
    public static TheoryData<string, SipParseError> InvalidHeaders => new()
    {
        { "Subject lunch\r\n", SipParseError.InvalidHeaderLine },
        { ": lunch\r\n", SipParseError.InvalidHeaderLine },
        { "Sub ject: lunch\r\n", SipParseError.InvalidHeaderLine },
        { "Sub(ject): lunch\r\n", SipParseError.InvalidHeaderLine },
        { "Subject: lu\rnch\r\n", SipParseError.InvalidHeaderLine },
        { "Max-Forwards: 70\r\n", SipParseError.DuplicateHeader },
        { "Call-ID: second@example.org\r\n", SipParseError.DuplicateHeader },
        { "Via: SIP/2.0/UDP 192.0.2.1;;branch=z9hG4bK1\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP\r\n", SipParseError.InvalidVia },
        { "Via: SIP/3.0/UDP host.example.com\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP host .example.com\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP host.example.com;branch=\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP host.example.com;ttl=256\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP host.example.com;received=not-an-ip\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP host.example.com;rport=x\r\n", SipParseError.InvalidVia },
        { "Via: SIP/2.0/UDP [2001:db8::1\r\n", SipParseError.InvalidVia },
        { "Contact: <sip:a@example.com\r\n", SipParseError.InvalidAddress },
        { "Contact: sip:a@example.com?Subject=x\r\n", SipParseError.InvalidAddress },
        { "Contact: \"unterminated <sip:a@example.com>\r\n", SipParseError.InvalidAddress },
        { "Contact: <sip:a@example.com>;;\r\n", SipParseError.InvalidAddress },
        { "Contact: <sip:a@example.com> junk\r\n", SipParseError.InvalidAddress },
        { "Contact: Name, Comma <sip:a@example.com>\r\n", SipParseError.InvalidAddress },
        { "Route: < sip:proxy.example.com;lr>\r\n", SipParseError.InvalidAddress },
        { "Record-Route: <sip:proxy.example.com;lr>;x=\"open\r\n", SipParseError.InvalidAddress },
        { "Expires: soon\r\n", SipParseError.InvalidNumericHeader },
        { "Date: Sat, 13 Nov 2010 23:29:00 CET\r\n", SipParseError.InvalidDate },
        { "Date: Sat, 31 Feb 2010 23:29:00 GMT\r\n", SipParseError.InvalidDate },
    };

    /// <summary>A Contact header value and the URIs, display names and header parameters of its entries.</summary>
    public static TheoryData<string, string[], string?[], string[]> ContactLists => new()
    {
        { "<sip:a@example.com>, <sip:b@example.com>", ["sip:a@example.com", "sip:b@example.com"], [null, null], ["", ""] },
        { "\"Doe, John\" <sip:j@example.com>;q=0.7, sip:k@example.com", ["sip:j@example.com", "sip:k@example.com"], ["Doe, John", null], [";q=0.7", ""] },
        { "\"Say \\\"hi\\\", \\\\ bye\" <sip:q@example.com>", ["sip:q@example.com"], ["Say \"hi\", \\ bye"], [""] },
        { "<sip:a@example.com;transport=tcp>;expires=60", ["sip:a@example.com;transport=tcp"], [null], [";expires=60"] },
        { "sip:a@example.com;transport=tcp;expires=60", ["sip:a@example.com"], [null], [";transport=tcp;expires=60"] },
        { "Bob Smith <sip:b@[2001:db8::9]:5070>", ["sip:b@[2001:db8::9]:5070"], ["Bob Smith"], [""] },
        { "<sips:[::1]>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"", ["sips:[::1]"], [null], [";+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\""] },
        { "<tel:+1-201-555-0123;phone-context=example.com>", ["tel:+1-201-555-0123;phone-context=example.com"], [null], [""] },
        { "\"\" <sip:anon@example.com>", ["sip:anon@example.com"], [""], [""] },
    };
}
