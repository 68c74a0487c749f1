using System.Net;
using PhoneAgent.Sip.Sdp;
using static PhoneAgent.Sip.Tests.Sdp.SdpTestSupport;

namespace PhoneAgent.Sip.Tests.Sdp;

public class SdpAnswerTests
{
    [Fact]
    public void Answers_a_sipp_PCMU_offer()
    {
        var result = Answer(SdpSamples.Sipp);

        Assert.True(result.IsAccepted);
        Assert.True(result.IsLocalAnswer);
        Assert.Same(SdpCodec.Pcmu, result.Audio.Codec.Codec);
        Assert.Equal(0, result.Audio.Codec.PayloadType);
        Assert.Equal(8000, result.Audio.Codec.ClockRate);
        Assert.Equal(1, result.Audio.Codec.Channels);
        Assert.Null(result.Audio.TelephoneEventPayloadType);
        Assert.Equal(20, result.Audio.Ptime);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6000), result.Audio.RemoteRtpEndPoint);
        Assert.Equal(SdpDirection.SendRecv, result.Audio.LocalDirection);
        Assert.False(result.Audio.IsRemoteHold);
        Assert.Equal(
            "v=0\r\n"
            + "o=- 5000 1 IN IP4 192.0.2.200\r\n"
            + "s=PhoneAgent\r\n"
            + "c=IN IP4 192.0.2.200\r\n"
            + "t=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n",
            AnswerText(result));
    }

    [Fact]
    public void Answers_baresip_with_opus_under_the_offerers_payload_type()
    {
        var result = Answer(SdpSamples.Baresip, SdpCodec.Opus, SdpCodec.Pcmu);

        Assert.Same(SdpCodec.Opus, result.Audio!.Codec.Codec);
        Assert.Equal(96, result.Audio.Codec.PayloadType);
        Assert.Equal("opus", result.Audio.Codec.EncodingName);
        Assert.Equal(48000, result.Audio.Codec.ClockRate);
        Assert.Equal(2, result.Audio.Codec.Channels);
        Assert.Equal("stereo=1;sprop-stereo=1", result.Audio.Codec.RemoteFormatParameters);
        Assert.Equal(new SdpTelephoneEvent(101, 8000, "0-15"), result.Audio.TelephoneEvent);
        Assert.Equal(
            "m=audio 40000 RTP/AVP 96 101\r\n"
            + "a=rtpmap:96 opus/48000/2\r\n"
            + "a=fmtp:96 useinbandfec=1\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=ptime:20\r\n"
            + "a=sendrecv\r\n",
            AnswerText(result)[AnswerText(result).IndexOf("m=", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData(new[] { "PCMA", "PCMU" }, "PCMA", 8)]
    [InlineData(new[] { "PCMU", "opus" }, "PCMU", 0)]
    [InlineData(new[] { "opus", "PCMA" }, "opus", 96)]
    public void Our_preference_order_wins_over_the_offers_order(string[] preference, string chosen, int payloadType)
    {
        var result = Answer(SdpSamples.Baresip, [.. preference.Select(Codec)]);

        Assert.Equal(chosen, result.Audio!.Codec.EncodingName);
        Assert.Equal(payloadType, result.Audio.Codec.PayloadType);
    }

    [Fact]
    public void Asterisk_lists_PCMA_first_but_we_prefer_PCMU_and_echo_its_ptime()
    {
        var result = Answer(SdpSamples.Asterisk, SdpCodec.Pcmu, SdpCodec.Pcma);

        Assert.Same(SdpCodec.Pcmu, result.Audio!.Codec.Codec);
        Assert.Equal(new SdpTelephoneEvent(101, 8000, "0-16"), result.Audio.TelephoneEvent);
        Assert.Equal(20, result.Audio.Ptime);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.10"), 17562), result.Audio.RemoteRtpEndPoint);
        Assert.Contains("m=audio 40000 RTP/AVP 0 101\r\n", AnswerText(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Linphone_video_is_rejected_in_place_and_telephone_event_follows_the_codec_clock()
    {
        var opus = Answer(SdpSamples.Linphone, SdpCodec.Opus);
        var pcmu = Answer(SdpSamples.Linphone, SdpCodec.Pcmu);

        Assert.Equal(new SdpTelephoneEvent(101, 48000, null), opus.Audio!.TelephoneEvent);
        Assert.Equal(new SdpTelephoneEvent(100, 8000, null), pcmu.Audio!.TelephoneEvent);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.23"), 7078), pcmu.Audio.RemoteRtpEndPoint);
        foreach (var answer in new[] { opus.Answer!, pcmu.Answer! })
        {
            Assert.Equal(2, answer.Media.Count);
            Assert.Equal("audio", answer.Media[0].Media);
            Assert.Equal(LocalPort, answer.Media[0].Port);
            Assert.Equal("video", answer.Media[1].Media);
            Assert.Equal(0, answer.Media[1].Port);
            Assert.Equal(["96", "97"], answer.Media[1].Formats);
            Assert.Empty(answer.Media[1].Attributes);
        }

        Assert.Contains("m=video 0 RTP/AVP 96 97\r\n", AnswerText(pcmu), StringComparison.Ordinal);
    }

    [Fact]
    public void Offer_with_only_G729_is_not_acceptable()
    {
        var result = Answer(SdpSamples.OnlyG729, SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus);

        Assert.False(result.IsAccepted);
        Assert.Equal(SdpNegotiationFailure.NoCommonCodec, result.Failure);
        Assert.Null(result.Audio);
        Assert.Null(result.Answer);
        Assert.True(result.AnswerBytes.IsEmpty);
        Assert.NotNull(result.Offer);
    }

    public static TheoryData<string, SdpNegotiationFailure> Unacceptable => new()
    {
        { SdpSamples.Offer(media: "m=audio 4000 RTP/SAVP 0 101"), SdpNegotiationFailure.UnsupportedTransport },
        { SdpSamples.Offer(media: "m=video 4000 RTP/AVP 0"), SdpNegotiationFailure.NoAudioStream },
        { SdpSamples.Offer(media: "m=audio 0 RTP/AVP 0 101"), SdpNegotiationFailure.NoAudioStream },
        { SdpSamples.Offer(sessionConnection: "c=IN IP4 pbx.example.com"), SdpNegotiationFailure.NoConnectionAddress },
        { SdpSamples.Offer(sessionConnection: ""), SdpNegotiationFailure.NoConnectionAddress },
        { "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", SdpNegotiationFailure.NoAudioStream },
    };

    [Theory]
    [MemberData(nameof(Unacceptable))]
    public void Reports_why_an_offer_is_not_acceptable(string offer, SdpNegotiationFailure failure)
    {
        var result = Answer(offer);

        Assert.False(result.IsAccepted);
        Assert.Equal(failure, result.Failure);
    }

    [Fact]
    public void An_unusable_first_audio_stream_is_rejected_and_the_second_one_answered()
    {
        var offer = SdpSamples.Crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 4000 RTP/AVP 18
            a=rtpmap:18 G729/8000
            m=audio 4002 RTP/AVP 8
            m=audio 4004 RTP/AVP 0

            """);

        var result = Answer(offer);

        Assert.Equal(1, result.Audio!.MediaIndex);
        Assert.Same(SdpCodec.Pcma, result.Audio.Codec.Codec);
        Assert.Equal(4002, result.Audio.RemoteRtpEndPoint.Port);
        Assert.Equal([0, LocalPort, 0], result.Answer!.Media.Select(media => media.Port));
        Assert.Equal(["18"], result.Answer.Media[0].Formats);
        Assert.Equal(["0"], result.Answer.Media[2].Formats);
    }

    [Fact]
    public void Dynamic_payload_type_numbers_and_case_of_names_are_the_offerers()
    {
        var offer = SdpSamples.Crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 4000 RTP/AVP 107 97 126
            a=rtpmap:107 OPUS/48000/2
            a=rtpmap:97 pcmu/8000
            a=rtpmap:126 TELEPHONE-EVENT/8000

            """);

        var opus = Answer(offer, SdpCodec.Opus);
        var pcmu = Answer(offer, SdpCodec.Pcmu);

        Assert.Equal(107, opus.Audio!.Codec.PayloadType);
        Assert.Equal(126, opus.Audio.TelephoneEventPayloadType);
        Assert.Contains("m=audio 40000 RTP/AVP 107 126\r\n", AnswerText(opus), StringComparison.Ordinal);
        Assert.Equal(97, pcmu.Audio!.Codec.PayloadType);
        Assert.Contains("a=rtpmap:97 PCMU/8000\r\n", AnswerText(pcmu), StringComparison.Ordinal);
    }

    [Fact]
    public void Static_payload_types_match_without_an_rtpmap()
    {
        var result = Answer(SdpSamples.Crlf("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 8\n"), SdpCodec.Pcmu, SdpCodec.Pcma);

        Assert.Same(SdpCodec.Pcma, result.Audio!.Codec.Codec);
        Assert.Equal(8, result.Audio.Codec.PayloadType);
    }

    [Theory]
    [InlineData("a=rtpmap:0 G722/8000", false)]
    [InlineData("a=rtpmap:96 opus/48000/1", false)]
    [InlineData("a=rtpmap:96 opus/16000/2", false)]
    [InlineData("a=rtpmap:96 opus/48000", true)]
    public void Rtpmap_contents_decide_a_match(string rtpmap, bool accepted)
    {
        var payloadType = rtpmap["a=rtpmap:".Length..rtpmap.IndexOf(' ', StringComparison.Ordinal)];
        var offer = SdpSamples.Crlf($"v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP {payloadType}\n{rtpmap}\n");

        Assert.Equal(accepted, Answer(offer, SdpCodec.Pcmu, SdpCodec.Opus).IsAccepted);
    }

    [Fact]
    public void Telephone_event_is_left_out_when_disabled_locally()
    {
        var session = new SdpSession(Settings() with { TelephoneEvent = false }, 1, 1);

        var result = session.CreateAnswer(Parse(SdpSamples.Asterisk));

        Assert.Null(result.Audio!.TelephoneEvent);
        Assert.DoesNotContain("telephone-event", AnswerText(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=ptime:30", "", 30)]
    [InlineData("a=ptime:60", "", 60)]
    [InlineData("a=ptime:5", "", 20)]
    [InlineData("a=ptime:25", "", 20)]
    [InlineData("a=ptime:200", "", 20)]
    [InlineData("a=ptime:20.0", "", 20)]
    [InlineData("", "", 20)]
    [InlineData("a=maxptime:10", "", 10)]
    [InlineData("a=ptime:40\r\na=maxptime:35", "", 30)]
    [InlineData("", "a=ptime:30", 30)]
    public void Ptime_is_echoed_when_sane(string mediaLines, string sessionLines, int expected)
    {
        var result = Answer(SdpSamples.Offer(mediaLines: mediaLines, sessionAttributes: sessionLines));

        Assert.Equal(expected, result.Audio!.Ptime);
        Assert.Contains($"a=ptime:{expected}\r\n", AnswerText(result), StringComparison.Ordinal);
    }

    [Fact]
    public void The_answer_repeats_the_offers_timing()
    {
        var offer = SdpSamples.Offer().Replace("t=0 0", "t=3034423619 3042462419", StringComparison.Ordinal);

        Assert.Equal([new SdpTiming(3034423619, 3042462419)], Answer(offer).Answer!.Timings);
    }

    [Fact]
    public void Media_level_connection_is_preferred_for_the_remote_endpoint()
    {
        var result = Answer(SdpSamples.Offer(mediaLines: "c=IN IP4 198.51.100.99"));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.99"), 4000), result.Audio!.RemoteRtpEndPoint);
    }

    [Fact]
    public void IPv6_offers_are_answered_and_IPv6_local_settings_write_IP6()
    {
        var offer = SdpSamples.Offer(sessionConnection: "c=IN IP6 2001:db8::10");
        var session = new SdpSession(Settings() with { Address = IPAddress.Parse("2001:db8::200") }, 9, 9);

        var result = session.CreateAnswer(Parse(offer));

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::10"), 4000), result.Audio!.RemoteRtpEndPoint);
        Assert.StartsWith("v=0\r\no=- 9 9 IN IP6 2001:db8::200\r\ns=PhoneAgent\r\nc=IN IP6 2001:db8::200\r\n", AnswerText(result), StringComparison.Ordinal);
    }

    private static SdpCodec Codec(string name) => name switch
    {
        "PCMU" => SdpCodec.Pcmu,
        "PCMA" => SdpCodec.Pcma,
        "opus" => SdpCodec.Opus,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
