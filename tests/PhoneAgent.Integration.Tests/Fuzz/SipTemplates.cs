using System.Net;

namespace PhoneAgent.Integration.Tests.Fuzz;

/// <summary>
/// Well-formed requests and responses addressed to the target, with identifiers drawn from the fuzzer's
/// random source so that a seed always yields the same messages.
/// </summary>
internal static class SipTemplates
{
    private static readonly string[] Kinds = ["INVITE", "OPTIONS", "REGISTER", "BYE", "ACK", "CANCEL", "100", "180", "200", "487"];

    public static SipDraft Create(Random random, IPEndPoint target)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var host = $"{target.Address}:{target.Port}";
        var local = $"127.0.0.1:{random.Next(1024, 65536)}";
        var branch = "z9hG4bK" + Token(random, 16);
        var callId = Token(random, 20) + "@fuzz.invalid";
        var fromTag = Token(random, 10);
        var isResponse = char.IsDigit(kind[0]);
        var method = isResponse ? "INVITE" : kind;
        var body = kind is "INVITE" or "200" ? Sdp(random) : "";
        var startLine = isResponse ? $"SIP/2.0 {kind} {Reason(kind)}" : $"{kind} sip:bot@{host} SIP/2.0";
        var draft = new SipDraft(kind, startLine, body)
            .Add("Via", $"SIP/2.0/UDP {local};branch={branch};rport")
            .Add("Max-Forwards", "70")
            .Add("From", $"\"Fuzz\" <sip:fuzz@{local}>;tag={fromTag}")
            .Add("To", isResponse || kind is "BYE" ? $"<sip:bot@{host}>;tag={Token(random, 10)}" : $"<sip:bot@{host}>")
            .Add("Call-ID", callId)
            .Add("CSeq", $"{random.Next(1, 100_000)} {(kind == "CANCEL" || kind == "ACK" ? kind : method)}");
        if (kind is "INVITE" or "OPTIONS" or "REGISTER" or "200") draft.Add("Contact", $"<sip:fuzz@{local}>");
        if (kind == "REGISTER") draft.Add("Expires", "3600");
        if (body.Length > 0) draft.Add("Content-Type", "application/sdp");
        return draft.WithContentLength();
    }

    /// <summary>RFC 3261 7.3.3 compact header names.</summary>
    public static string? CompactName(string name) => name.ToUpperInvariant() switch
    {
        "VIA" => "v",
        "FROM" => "f",
        "TO" => "t",
        "CALL-ID" => "i",
        "CONTACT" => "m",
        "CONTENT-LENGTH" => "l",
        "CONTENT-TYPE" => "c",
        _ => null,
    };

    public static string Token(Random random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    private static string Reason(string code) => code switch
    {
        "100" => "Trying",
        "180" => "Ringing",
        "200" => "OK",
        _ => "Request Terminated",
    };

    private static string Sdp(Random random) =>
        "v=0\r\n" +
        $"o=fuzz {random.Next()} 1 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        $"m=audio {random.Next(1024, 65536) & ~1} RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=sendrecv\r\n";
}
