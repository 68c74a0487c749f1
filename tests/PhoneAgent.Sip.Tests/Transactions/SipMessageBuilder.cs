using System.Globalization;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>
/// Builds the messages transaction tests need directly in the message model, so these tests do not depend
/// on the parser.
/// </summary>
internal static class SipMessageBuilder
{
    public const string CallerSentBy = "192.0.2.10:5060";
    public const string CallId = "3848276298220188511@192.0.2.10";

    private static int s_branches;

    /// <summary>A fresh RFC 3261 branch (§8.1.1.7: magic cookie plus something unique).</summary>
    public static string NewBranch() =>
        SipViaHeader.MagicCookie + "t" + Interlocked.Increment(ref s_branches).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A request with the RFC 3261 §8.1.1 mandatory headers. A null <paramref name="branch"/> leaves the Via
    /// without one, as an RFC 2543 client may.
    /// </summary>
    public static SipRequest Request(
        string method,
        string? branch,
        string transport = "UDP",
        string sentBy = CallerSentBy,
        long cseq = 1,
        string fromTag = "9fxced76sl",
        string? toTag = null,
        string callId = CallId,
        string requestUri = "sip:bot@198.51.100.1")
    {
        var request = new SipRequest(method, SipUri.Parse(requestUri));
        request.Headers.Add(HeaderNames.Via, branch is null ? $"SIP/2.0/{transport} {sentBy}" : $"SIP/2.0/{transport} {sentBy};branch={branch}");
        request.Headers.Add(HeaderNames.MaxForwards, "70");
        request.Headers.Add(HeaderNames.From, $"\"Alice\" <sip:alice@192.0.2.10>;tag={fromTag}");
        request.Headers.Add(HeaderNames.To, toTag is null ? "<sip:bot@198.51.100.1>" : $"<sip:bot@198.51.100.1>;tag={toTag}");
        request.Headers.Add(HeaderNames.CallId, callId);
        request.Headers.Add(HeaderNames.CSeq, new CSeqHeader(cseq, method).ToString());
        return request;
    }

    /// <summary>A response as the peer would build it (RFC 3261 §8.2.6), with a To tag on all but 100.</summary>
    public static SipResponse Response(SipRequest request, int statusCode, string toTag = "a6c85cf") =>
        SipResponse.CreateFor(request, statusCode, toTag: statusCode == 100 ? null : toTag);

    /// <summary>
    /// The ACK a caller sends for <paramref name="final"/>: for a non-2xx it reuses the INVITE's branch
    /// (RFC 3261 §17.1.1.3); for a 2xx it is a new transaction with a new branch (§13.2.2.4).
    /// </summary>
    public static SipRequest Ack(SipRequest invite, SipResponse final, string branch)
    {
        var via = invite.TopVia!;
        var ack = new SipRequest(SipMethods.Ack, invite.RequestUri);
        ack.Headers.Add(HeaderNames.Via, new SipViaHeader(via.Transport, via.Host, via.Port, branch).ToString());
        ack.Headers.Add(HeaderNames.MaxForwards, "70");
        ack.Headers.CopyFrom(invite.Headers, HeaderNames.From);
        ack.Headers.CopyFrom(final.Headers, HeaderNames.To);
        ack.Headers.CopyFrom(invite.Headers, HeaderNames.CallId);
        ack.Headers.Add(HeaderNames.CSeq, new CSeqHeader(invite.CSeq!.Number, SipMethods.Ack).ToString());
        return ack;
    }
}
