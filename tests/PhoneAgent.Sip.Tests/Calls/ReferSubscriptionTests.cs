using System.Text;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Tests.Calls;

/// <summary>NOTIFYs of a REFER's implicit subscription (RFC 3515 §2.4.4-§2.4.5): which ones count and what they report.</summary>
public sealed class ReferSubscriptionTests
{
    [Theory]
    [InlineData("refer;id=7", "active", "SIP/2.0 100 Trying", 200, null)]
    [InlineData("refer;id=7", "active", "SIP/2.0 200 OK", 200, 200)]
    [InlineData("refer", "terminated;reason=noresource", "SIP/2.0 486 Busy Here", 200, 486)]
    [InlineData("Refer ; ID=7", "terminated", "SIP/2.0 603 Declined", 200, 603)]
    [InlineData("refer;id=7", "terminated;reason=noresource", "SIP/2.0 180 Ringing", 200, 0)]
    [InlineData("refer;id=7", "terminated", "", 200, 0)]
    [InlineData("refer;id=7", "active", "hello", 400, null)]
    [InlineData("refer;id=7", "active", "SIP/2.0 99 Odd", 400, null)]
    [InlineData("refer;id=8", "active", "SIP/2.0 200 OK", 481, null)]
    [InlineData("dialog", "active", "SIP/2.0 200 OK", 489, null)]
    [InlineData(null, "active", "SIP/2.0 200 OK", 489, null)]
    public async Task Notify_is_answered_and_reports_the_final_status(string? eventHeader, string state, string sipfrag, int answer, int? outcome)
    {
        var subscription = new ReferSubscription(referSequence: 7);
        Assert.Equal(answer, subscription.OnNotify(Notify(eventHeader, state, sipfrag)));
        Assert.Equal(outcome is not null, subscription.Outcome.IsCompleted);
        if (outcome is { } expected) Assert.Equal(expected, await subscription.Outcome);
    }

    [Fact]
    public async Task The_first_final_status_wins()
    {
        var subscription = new ReferSubscription(referSequence: 3);
        subscription.OnNotify(Notify("refer", "active", "SIP/2.0 100 Trying"));
        subscription.OnNotify(Notify("refer", "active", "SIP/2.0 200 OK"));
        subscription.OnNotify(Notify("refer", "terminated", "SIP/2.0 500 Server Error"));
        Assert.Equal(200, await subscription.Outcome);
    }

    private static SipRequest Notify(string? eventHeader, string state, string sipfrag)
    {
        var body = sipfrag.Length == 0 ? string.Empty : sipfrag + "\r\n";
        var text = new StringBuilder()
            .Append("NOTIFY sip:bot@127.0.0.1 SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKn1\r\n")
            .Append("From: <sip:caller@127.0.0.1>;tag=c\r\nTo: <sip:bot@127.0.0.1>;tag=b\r\nCall-ID: n1\r\nCSeq: 2 NOTIFY\r\nMax-Forwards: 70\r\n")
            .Append(eventHeader is null ? string.Empty : $"Event: {eventHeader}\r\n")
            .Append($"Subscription-State: {state}\r\n")
            .Append(body.Length == 0 ? string.Empty : "Content-Type: message/sipfrag;version=2.0\r\n")
            .Append($"Content-Length: {body.Length}\r\n\r\n{body}");
        return Assert.IsType<SipRequest>(SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(text.ToString())).Message);
    }
}
