using System.Text;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// Hand-written requests for <see cref="RawUdpClient"/>: LF line endings (the client sends CRLF) and "{port}"
/// where the client's own port goes. Every request gets a fresh branch; INVITEs carry a Contact.
/// </summary>
internal static class RawSip
{
    /// <summary>An SDP offer of PCMU only from 127.0.0.1:40000.</summary>
    public const string PcmuOffer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n";

    /// <summary>The same offer listing <paramref name="formats"/> (e.g. "8 0") in the m= line.</summary>
    public static string Offer(string formats) => PcmuOffer.Replace("RTP/AVP 0", "RTP/AVP " + formats, StringComparison.Ordinal);

    public static string Request(
        string method,
        string callId = "rawtest-1",
        int cseq = 1,
        string? toTag = null,
        string fromTag = "abc",
        string? contentType = null,
        string body = "",
        string extraHeaders = "",
        string requestUri = "sip:bot@127.0.0.1")
    {
        var text = new StringBuilder()
            .Append($"{method} {requestUri} SIP/2.0\n")
            .Append($"Via: SIP/2.0/UDP 127.0.0.1:{{port}};branch=z9hG4bK{Guid.NewGuid():N};rport\n")
            .Append("Max-Forwards: 70\n")
            .Append($"From: <sip:tester@127.0.0.1>;tag={fromTag}\n")
            .Append("To: <sip:bot@127.0.0.1>").Append(toTag is null ? string.Empty : ";tag=" + toTag).Append('\n')
            .Append($"Call-ID: {callId}\n")
            .Append($"CSeq: {cseq} {method}\n");
        if (method == "INVITE") text.Append("Contact: <sip:tester@127.0.0.1:{port}>\n");
        text.Append(extraHeaders);
        if (contentType is not null) text.Append($"Content-Type: {contentType}\n");
        return text.Append($"Content-Length: {Encoding.UTF8.GetByteCount(body)}\n\n").Append(body).ToString();
    }

    /// <summary>An INVITE with an SDP offer.</summary>
    public static string Invite(string callId, string offer = PcmuOffer, string fromTag = "abc") =>
        Request("INVITE", callId, fromTag: fromTag, contentType: "application/sdp", body: offer);
}
