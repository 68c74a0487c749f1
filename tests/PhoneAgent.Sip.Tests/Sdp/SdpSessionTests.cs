using System.Net;
using System.Text;
using PhoneAgent.Sip.Sdp;
using static PhoneAgent.Sip.Tests.Sdp.SdpTestSupport;

namespace PhoneAgent.Sip.Tests.Sdp;

public class SdpSessionTests
{
    [Fact]
    public void Re_answers_bump_the_version_only_when_the_answer_changes()
    {
        var session = new SdpSession(Settings(), sessionId: 777, initialVersion: 10);
        var plain = Parse(SdpSamples.Offer());
        var held = Parse(SdpSamples.Offer(mediaLines: "a=sendonly"));

        var initial = session.CreateAnswer(plain);
        var refresh = session.CreateAnswer(plain);
        var hold = session.CreateAnswer(held);
        var holdAgain = session.CreateAnswer(held);
        var resume = session.CreateAnswer(plain);

        Assert.Equal(
            [10UL, 10UL, 11UL, 11UL, 12UL],
            new[] { initial, refresh, hold, holdAgain, resume }.Select(result => result.Answer!.Origin.SessionVersion));
        Assert.All(
            new[] { initial, refresh, hold, holdAgain, resume },
            result => Assert.Equal(initial.Answer!.Origin with { SessionVersion = result.Answer!.Origin.SessionVersion }, result.Answer.Origin));
        Assert.Equal(initial.AnswerBytes.ToArray(), refresh.AnswerBytes.ToArray());
        Assert.Contains("o=- 777 11 IN IP4 192.0.2.200\r\n", Encoding.UTF8.GetString(hold.AnswerBytes.Span), StringComparison.Ordinal);
        Assert.Contains("a=recvonly\r\n", Encoding.UTF8.GetString(hold.AnswerBytes.Span), StringComparison.Ordinal);
        Assert.Same(resume.Answer, session.LocalDescription);
        Assert.Equal(12UL, session.SessionVersion);
    }

    [Fact]
    public void A_rejected_re_offer_leaves_the_version_alone()
    {
        var session = new SdpSession(Settings(), 1, 1);
        session.CreateAnswer(Parse(SdpSamples.Offer()));

        var rejected = session.CreateAnswer(Parse(SdpSamples.OnlyG729));
        var next = session.CreateAnswer(Parse(SdpSamples.Offer(mediaLines: "a=inactive")));

        Assert.False(rejected.IsAccepted);
        Assert.Equal(2UL, next.Answer!.Origin.SessionVersion);
    }

    [Fact]
    public void Builds_an_offer_with_every_codec_and_a_telephone_event_per_clock_rate()
    {
        var session = new SdpSession(Settings(SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.Pcma), 31, 31);

        var offer = session.CreateOffer();

        Assert.Equal(
            "v=0\r\n"
            + "o=- 31 31 IN IP4 192.0.2.200\r\n"
            + "s=PhoneAgent\r\n"
            + "c=IN IP4 192.0.2.200\r\n"
            + "t=0 0\r\n"
            + "m=audio 40000 RTP/AVP 111 0 8 101 102\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 useinbandfec=1\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=rtpmap:102 telephone-event/48000\r\n"
            + "a=fmtp:102 0-15\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n",
            Encoding.UTF8.GetString(offer.ToUtf8Bytes()));
    }

    [Fact]
    public void An_offer_without_telephone_event_lists_only_codecs()
    {
        var session = new SdpSession(Settings() with { TelephoneEvent = false, Ptime = 30 }, 1, 1);

        var audio = session.CreateOffer().Media[0];

        Assert.Equal(["0", "8"], audio.Formats);
        Assert.Equal(30, audio.Ptime);
    }

    [Fact]
    public void Re_offering_for_hold_bumps_the_version_and_says_sendonly()
    {
        var session = new SdpSession(Settings(), 50, 50);
        var first = session.CreateOffer();
        var refresh = session.CreateOffer();
        session.LocalDirection = SdpDirection.SendOnly;

        var hold = session.CreateOffer();

        Assert.Equal(50UL, first.Origin.SessionVersion);
        Assert.Equal(50UL, refresh.Origin.SessionVersion);
        Assert.Equal(51UL, hold.Origin.SessionVersion);
        Assert.Equal(SdpDirection.SendOnly, hold.Media[0].Direction);
    }

    [Fact]
    public void Processes_an_answer_choosing_one_of_our_codecs()
    {
        var session = new SdpSession(Settings(SdpCodec.Opus, SdpCodec.Pcmu), 1, 1);
        var offer = session.CreateOffer();
        var answer = Parse(SdpSamples.Crlf("""
            v=0
            o=- 8 8 IN IP4 198.51.100.4
            s=-
            c=IN IP4 198.51.100.4
            t=0 0
            m=audio 30000 RTP/AVP 0 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-16
            a=ptime:30

            """));

        var result = session.ProcessAnswer(answer);

        Assert.True(result.IsAccepted);
        Assert.False(result.IsLocalAnswer);
        Assert.True(result.AnswerBytes.IsEmpty);
        Assert.Same(offer, result.Offer);
        Assert.Same(answer, result.Answer);
        Assert.Same(SdpCodec.Pcmu, result.Audio.Codec.Codec);
        Assert.Equal(new SdpTelephoneEvent(101, 8000, "0-16"), result.Audio.TelephoneEvent);
        Assert.Equal(30, result.Audio.Ptime);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.4"), 30000), result.Audio.RemoteRtpEndPoint);
        Assert.Equal(SdpDirection.SendRecv, result.Audio.LocalDirection);
    }

    [Fact]
    public void An_answer_without_rtpmap_for_our_dynamic_type_is_read_with_our_mapping()
    {
        var session = new SdpSession(Settings(SdpCodec.Opus, SdpCodec.Pcmu), 1, 1);
        session.CreateOffer();

        var result = session.ProcessAnswer(Parse("v=0\r\no=- 8 8 IN IP4 198.51.100.4\r\ns=-\r\nc=IN IP4 198.51.100.4\r\nt=0 0\r\nm=audio 30000 RTP/AVP 111 102\r\n"));

        Assert.Same(SdpCodec.Opus, result.Audio!.Codec.Codec);
        Assert.Equal(111, result.Audio.Codec.PayloadType);
        Assert.Equal(new SdpTelephoneEvent(102, 48000, null), result.Audio.TelephoneEvent);
    }

    [Fact]
    public void A_recvonly_answer_to_our_hold_is_not_the_peer_holding_us()
    {
        var session = new SdpSession(Settings(), 1, 1) { LocalDirection = SdpDirection.SendOnly };
        session.CreateOffer();

        var result = session.ProcessAnswer(Parse(SdpSamples.Offer(mediaLines: "a=recvonly")));

        Assert.Equal(SdpDirection.SendOnly, result.Audio!.LocalDirection);
        Assert.False(result.Audio.IsRemoteHold);
    }

    public static TheoryData<string, SdpNegotiationFailure> BadAnswers => new()
    {
        { SdpSamples.Offer(media: "m=audio 0 RTP/AVP 0"), SdpNegotiationFailure.StreamRejected },
        { SdpSamples.Offer(media: "m=audio 4000 RTP/AVP 18"), SdpNegotiationFailure.NoCommonCodec },
        { SdpSamples.Offer(media: "m=video 4000 RTP/AVP 0"), SdpNegotiationFailure.AnswerDoesNotMatchOffer },
        { SdpSamples.Offer(mediaLines: "m=video 0 RTP/AVP 96"), SdpNegotiationFailure.AnswerDoesNotMatchOffer },
        { SdpSamples.Offer(sessionConnection: ""), SdpNegotiationFailure.NoConnectionAddress },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void Reports_why_an_answer_is_unusable(string answer, SdpNegotiationFailure failure)
    {
        var session = Session();
        session.CreateOffer();

        var result = session.ProcessAnswer(Parse(answer));

        Assert.False(result.IsAccepted);
        Assert.Equal(failure, result.Failure);
        Assert.False(result.IsLocalAnswer);
        Assert.NotNull(result.Answer);
    }

    [Fact]
    public void Processing_an_answer_needs_an_outstanding_offer()
    {
        var session = Session();
        session.CreateOffer();
        session.ProcessAnswer(Parse(SdpSamples.Offer()));

        Assert.Throws<InvalidOperationException>(() => session.ProcessAnswer(Parse(SdpSamples.Offer())));
    }

    [Fact]
    public void Two_sessions_agree_through_serialised_bytes()
    {
        var caller = new SdpSession(Settings(SdpCodec.Pcma, SdpCodec.Opus), 1, 1);
        var callee = new SdpSession(
            new SdpLocalSettings { Address = IPAddress.Parse("198.51.100.50"), RtpPort = 20000, Codecs = [SdpCodec.Opus, SdpCodec.Pcmu] },
            2,
            2);

        var answered = callee.CreateAnswer(Parse(Encoding.UTF8.GetString(caller.CreateOffer().ToUtf8Bytes())));
        var received = caller.ProcessAnswer(Parse(Encoding.UTF8.GetString(answered.AnswerBytes.Span)));

        Assert.Same(SdpCodec.Opus, answered.Audio!.Codec.Codec);
        Assert.Same(SdpCodec.Opus, received.Audio!.Codec.Codec);
        Assert.Equal(answered.Audio.Codec.PayloadType, received.Audio.Codec.PayloadType);
        Assert.Equal(new SdpTelephoneEvent(102, 48000, "0-15"), received.Audio.TelephoneEvent);
        Assert.Equal(answered.Audio.TelephoneEventPayloadType, received.Audio.TelephoneEventPayloadType);
        Assert.Equal(new IPEndPoint(LocalAddress, LocalPort), answered.Audio.RemoteRtpEndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.50"), 20000), received.Audio.RemoteRtpEndPoint);
    }

    [Fact]
    public void Random_session_ids_start_the_version_at_the_id()
    {
        var origin = new SdpSession(Settings()).CreateOffer().Origin;

        Assert.Equal(origin.SessionId, origin.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(origin.SessionVersion, 1UL, (ulong)int.MaxValue);
    }

    public static TheoryData<SdpLocalSettings> InvalidSettings => new()
    {
        Settings() with { RtpPort = 0 },
        Settings() with { RtpPort = 65536 },
        Settings() with { Codecs = [] },
        Settings() with { Codecs = [SdpCodec.Pcmu, SdpCodec.Pcmu] },
        Settings() with { Ptime = 25 },
        Settings() with { Ptime = 0 },
        Settings() with { Address = IPAddress.Any },
        Settings() with { Username = "two words" },
        Settings() with { SessionName = "a\r\nb=injected" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Rejects_settings_that_cannot_produce_valid_SDP(SdpLocalSettings settings)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SdpSession(settings));
    }
}
