namespace PhoneAgent.Sip.Tests.Sdp;

/// <summary>
/// Offers in the shape real peers send them, typed out by hand (addresses from documentation ranges).
/// Written with LF and converted to CRLF by <see cref="Crlf"/> unless a test wants the bare-LF form.
/// </summary>
internal static class SdpSamples
{
    /// <summary>sipp's built-in uac scenario: one PCMU stream, nothing else.</summary>
    public const string Sipp = """
        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 0
        a=rtpmap:0 PCMU/8000

        """;

    /// <summary>baresip with Opus first (dynamic PT 96), G.711 after, and telephone-event at 8000 Hz only.</summary>
    public const string Baresip = """
        v=0
        o=- 1209573125 2863911547 IN IP4 192.0.2.42
        s=-
        c=IN IP4 192.0.2.42
        t=0 0
        m=audio 10662 RTP/AVP 96 0 8 101
        b=AS:128
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 stereo=1;sprop-stereo=1
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=rtcp-rsize
        a=ssrc:3393857237 cname:7c2f8e91-0b6d-4f3a-9e55-2a1d6c3b8f40
        a=sendrecv
        a=label:1
        a=ptime:20

        """;

    /// <summary>
    /// Linphone: many codecs, session-level rtcp-xr, telephone-event at three clock rates, RTCP attributes,
    /// and a video stream that reuses payload type 96 for VP8.
    /// </summary>
    public const string Linphone = """
        v=0
        o=alice 2114 1522 IN IP4 198.51.100.23
        s=Talk
        c=IN IP4 198.51.100.23
        t=0 0
        a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics
        a=record:off
        m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100
        a=rtpmap:96 opus/48000/2
        a=fmtp:96 useinbandfec=1
        a=rtpmap:97 speex/16000
        a=fmtp:97 vbr=on
        a=rtpmap:98 speex/8000
        a=fmtp:98 vbr=on
        a=fmtp:18 annexb=yes
        a=rtpmap:101 telephone-event/48000
        a=rtpmap:99 telephone-event/16000
        a=rtpmap:100 telephone-event/8000
        a=rtcp:7079
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:* ccm tmmbr
        m=video 9078 RTP/AVP 96 97
        a=rtpmap:96 VP8/90000
        a=rtpmap:97 H264/90000
        a=fmtp:97 profile-level-id=42801F
        a=rtcp:9079
        a=rtcp-fb:* trr-int 1000
        a=rtcp-fb:96 nack pli
        a=rtcp-fb:96 ccm fir

        """;

    /// <summary>Asterisk (chan_pjsip) trunk offer: PCMA listed before PCMU, GSM, DTMF 0-16, ptime and maxptime.</summary>
    public const string Asterisk = """
        v=0
        o=- 1720629213 1720629215 IN IP4 203.0.113.10
        s=Asterisk
        c=IN IP4 203.0.113.10
        t=0 0
        m=audio 17562 RTP/AVP 8 0 3 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:0 PCMU/8000
        a=rtpmap:3 GSM/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-16
        a=ptime:20
        a=maxptime:150
        a=sendrecv

        """;

    /// <summary>A softphone that can only do G.729.</summary>
    public const string OnlyG729 = """
        v=0
        o=- 4001 4001 IN IP4 192.0.2.77
        s=-
        c=IN IP4 192.0.2.77
        t=0 0
        m=audio 5004 RTP/AVP 18
        a=rtpmap:18 G729/8000
        a=fmtp:18 annexb=no

        """;

    public static string Crlf(string lfText) => lfText.ReplaceLineEndings("\r\n");

    /// <summary>A minimal offer for direction and address tests: one stream, PCMU and telephone-event.</summary>
    public static string Offer(
        string sessionConnection = "c=IN IP4 192.0.2.10",
        string media = "m=audio 4000 RTP/AVP 0 101",
        string sessionAttributes = "",
        string mediaLines = "") =>
        Crlf(string.Join('\n', new[]
        {
            "v=0",
            "o=- 100 100 IN IP4 192.0.2.10",
            "s=-",
            sessionConnection,
            "t=0 0",
            sessionAttributes,
            media,
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            mediaLines,
        }.Where(line => line.Length > 0)) + "\n");
}
