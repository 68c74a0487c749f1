using System.Net;
using PhoneAgent.Sip.Dialogs;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Tests.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Tests.Dialogs;

/// <summary>The UAC side of a dialog (RFC 3261 §12.1.2) and the requests it builds: ACK for a 2xx (§13.2.2.4), BYE.</summary>
public sealed class SipDialogUacTests
{
    private static readonly SipDestination Flow = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5060));

    [Fact]
    public void Dialog_takes_reversed_record_route_contact_tags_and_the_invite_sequence()
    {
        var invite = SipMessageBuilder.Request("INVITE", SipMessageBuilder.NewBranch(), cseq: 41, fromTag: "ours");
        var ok = Answer(invite, "sip:bob@203.0.113.9:5070", "<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>");

        var dialog = SipDialog.CreateAsUac(invite, ok, Flow);

        Assert.Equal(new SipDialogId(SipMessageBuilder.CallId, "ours", "theirs"), dialog.Id);
        Assert.Equal(["sip:p2.example.org;lr", "sip:p1.example.org;lr"], dialog.RouteSet.Select(r => r.Uri.ToString()));
        Assert.Equal("sip:bob@203.0.113.9:5070", dialog.RemoteTarget.ToString());
        Assert.Equal("sip:p2.example.org;lr", dialog.NextHop.ToString());
        Assert.Equal(41, dialog.LocalSequence);
        Assert.Null(dialog.RemoteSequence);
        Assert.Same(Flow, dialog.Flow);
    }

    [Fact]
    public void Ack_reuses_the_invite_sequence_and_bye_takes_the_next_one()
    {
        var invite = SipMessageBuilder.Request("INVITE", SipMessageBuilder.NewBranch(), cseq: 7, fromTag: "ours");
        var dialog = SipDialog.CreateAsUac(invite, Answer(invite, "sip:bob@203.0.113.9", "<sip:p1.example.org;lr>"), Flow);

        var ack = dialog.CreateAck(7);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal("sip:bob@203.0.113.9", ack.RequestUri.ToString());
        Assert.Equal((7L, "ACK"), (ack.CSeq!.Number, ack.CSeq.Method));
        Assert.Equal("theirs", ack.To!.Tag);
        Assert.Equal("ours", ack.From!.Tag);
        Assert.Equal("sip:p1.example.org;lr", Assert.Single(ack.Routes).Uri.ToString());
        Assert.Equal(7, dialog.LocalSequence);

        var bye = dialog.CreateRequest("BYE");
        Assert.Equal((8L, "BYE"), (bye.CSeq!.Number, bye.CSeq.Method));
    }

    [Fact]
    public void Without_contact_the_remote_target_is_the_request_uri()
    {
        var invite = SipMessageBuilder.Request("INVITE", SipMessageBuilder.NewBranch(), fromTag: "ours");
        var ok = SipResponse.CreateFor(invite, 200, toTag: "theirs");
        var dialog = SipDialog.CreateAsUac(invite, ok, Flow);
        Assert.Equal(invite.RequestUri.ToString(), dialog.RemoteTarget.ToString());
        Assert.Empty(dialog.RouteSet);
    }

    private static SipResponse Answer(SipRequest invite, string contact, params string[] recordRoutes)
    {
        var ok = SipResponse.CreateFor(invite, 200, toTag: "theirs");
        ok.Headers.Add(HeaderNames.Contact, $"<{contact}>");
        if (recordRoutes.Length > 0) ok.Headers.Add(HeaderNames.RecordRoute, string.Join(", ", recordRoutes));
        return ok;
    }
}
