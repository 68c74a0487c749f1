using System.Net;
using System.Text;
using PhoneAgent.Sip.Sdp;
using static PhoneAgent.Sip.Tests.Sdp.SdpTestSupport;

namespace PhoneAgent.Sip.Tests.Sdp;

public class SdpParserTests
{
    [Fact]
    public void Parses_every_field_of_a_baresip_offer()
    {
        var sdp = Parse(SdpSamples.Crlf(SdpSamples.Baresip));

        Assert.Equal(new SdpOrigin("-", "1209573125", 2863911547, "IN", "IP4", "192.0.2.42"), sdp.Origin);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(new SdpConnection("IN", "IP4", "192.0.2.42"), sdp.Connection);
        Assert.Equal([SdpTiming.Permanent], sdp.Timings);
        var audio = Assert.Single(sdp.Media);
        Assert.Equal("audio", audio.Media);
        Assert.Equal(10662, audio.Port);
        Assert.Null(audio.PortCount);
        Assert.Equal("RTP/AVP", audio.Protocol);
        Assert.Equal(["96", "0", "8", "101"], audio.Formats);
        Assert.Equal([96, 0, 8, 101], audio.PayloadTypes);
        Assert.Equal([new SdpBandwidth("AS", 128)], audio.Bandwidths);
        Assert.Equal(new SdpRtpMap(96, "opus", 48000, 2), audio.GetRtpMap(96));
        Assert.Equal(new SdpRtpMap(101, "telephone-event", 8000), audio.GetRtpMap(101));
        Assert.Equal("stereo=1;sprop-stereo=1", audio.GetFormatParameters(96));
        Assert.Equal("0-15", audio.GetFormatParameters(101));
        Assert.Null(audio.GetRtpMap(18));
        Assert.Equal(20, audio.Ptime);
        Assert.Null(audio.MaxPtime);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(
            ["rtpmap", "fmtp", "rtpmap", "rtpmap", "rtpmap", "fmtp", "rtcp-rsize", "ssrc", "sendrecv", "label", "ptime"],
            audio.Attributes.Select(attribute => attribute.Name));
        Assert.Equal(new SdpAttribute("rtcp-rsize"), audio.Attributes[6]);
        Assert.Equal(new SdpAttribute("ssrc", "3393857237 cname:7c2f8e91-0b6d-4f3a-9e55-2a1d6c3b8f40"), audio.Attributes[7]);
    }

    [Fact]
    public void Parses_linphone_session_attributes_and_both_media_sections()
    {
        var sdp = Parse(SdpSamples.Crlf(SdpSamples.Linphone));

        Assert.Equal("Talk", sdp.SessionName);
        Assert.Equal(["rtcp-xr", "record"], sdp.Attributes.Select(attribute => attribute.Name));
        Assert.Equal("rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics", sdp.Attributes[0].Value);
        Assert.Equal(2, sdp.Media.Count);
        Assert.Equal([96, 97, 98, 0, 8, 18, 101, 99, 100], sdp.Media[0].PayloadTypes);
        Assert.Equal(new SdpRtpMap(96, "VP8", 90000), sdp.Media[1].GetRtpMap(96));
        Assert.Equal(new SdpRtpMap(96, "opus", 48000, 2), sdp.Media[0].GetRtpMap(96));
        Assert.Null(sdp.Media[0].Direction);
        Assert.Equal(SdpDirection.SendRecv, sdp.GetEffectiveDirection(sdp.Media[0]));
    }

    [Fact]
    public void Parses_asterisk_ptime_and_maxptime()
    {
        var audio = Parse(SdpSamples.Crlf(SdpSamples.Asterisk)).Media[0];

        Assert.Equal(20, audio.Ptime);
        Assert.Equal(150, audio.MaxPtime);
        Assert.Equal("0-16", audio.GetFormatParameters(101));
    }

    [Fact]
    public void Bare_LF_line_endings_parse_the_same_as_CRLF()
    {
        var lf = Parse(SdpSamples.Linphone);
        var crlf = Parse(SdpSamples.Crlf(SdpSamples.Linphone));

        Assert.DoesNotContain("\r", SdpSamples.Linphone, StringComparison.Ordinal);
        Assert.Equal(crlf.ToString(), lf.ToString());
    }

    [Fact]
    public void Trailing_whitespace_blank_lines_and_a_byte_order_mark_are_tolerated()
    {
        const string text = "\uFEFFv=0  \r\no=- 1 2 IN IP4 192.0.2.1\t\r\n\r\ns=call \r\nc=IN IP4 192.0.2.1 \r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0   8 \r\na=sendonly \r\n\r\n\r\n";

        var sdp = Parse(text);

        Assert.Equal("call", sdp.SessionName);
        Assert.Equal(["0", "8"], sdp.Media[0].Formats);
        Assert.Equal(SdpDirection.SendOnly, sdp.Media[0].Direction);
        Assert.Equal("192.0.2.1", sdp.Connection!.Address);
    }

    [Fact]
    public void Unknown_and_uninterpreted_lines_are_kept_and_written_back_in_grammar_order()
    {
        var text = SdpSamples.Crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            i=Support line
            u=http://example.com/info
            e=ops@example.com
            c=IN IP4 192.0.2.1
            t=0 0
            y=0100000001
            a=tool:test
            m=audio 4000 RTP/AVP 0
            i=main audio
            k=prompt
            a=rtpmap:0 PCMU/8000

            """);

        var sdp = Parse(text);

        Assert.Equal(
            [new SdpField('i', "Support line"), new SdpField('u', "http://example.com/info"), new SdpField('e', "ops@example.com"), new SdpField('y', "0100000001")],
            sdp.OtherFields);
        Assert.Equal([new SdpField('i', "main audio"), new SdpField('k', "prompt")], sdp.Media[0].OtherFields);
        Assert.Equal(text, sdp.ToString());
    }

    [Fact]
    public void Media_level_connection_overrides_session_level()
    {
        var sdp = Parse(SdpSamples.Crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.1
            s=-
            c=IN IP4 192.0.2.1
            t=0 0
            m=audio 4000 RTP/AVP 0
            c=IN IP4 198.51.100.7
            m=audio 4002 RTP/AVP 0

            """));

        Assert.Equal("198.51.100.7", sdp.GetEffectiveConnection(sdp.Media[0])!.Address);
        Assert.Equal("192.0.2.1", sdp.GetEffectiveConnection(sdp.Media[1])!.Address);
    }

    [Fact]
    public void Parses_IPv6_connection_and_origin()
    {
        var sdp = Parse(SdpSamples.Crlf("""
            v=0
            o=- 1 1 IN IP6 2001:db8::1
            s=-
            c=IN IP6 2001:db8::1
            t=0 0
            m=audio 4000 RTP/AVP 0

            """));

        Assert.Equal("IP6", sdp.Origin.AddressType);
        Assert.True(sdp.Connection!.TryGetIPAddress(out var address));
        Assert.Equal(IPAddress.Parse("2001:db8::1"), address);
    }

    [Theory]
    [InlineData("IN IP4 224.2.1.1/127/3", "224.2.1.1", 127, 3)]
    [InlineData("IN IP4 224.2.1.1/127", "224.2.1.1", 127, null)]
    [InlineData("IN IP6 ff15::101/3", "ff15::101", null, 3)]
    [InlineData("IN IP4 192.0.2.1", "192.0.2.1", null, null)]
    public void Parses_multicast_suffixes(string value, string address, int? ttl, int? count)
    {
        var sdp = Parse($"v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc={value}\r\nt=0 0\r\n");

        Assert.Equal(new SdpConnection("IN", value.Split(' ')[1], address, ttl, count), sdp.Connection);
        Assert.Equal(value, sdp.Connection!.ToString());
    }

    [Fact]
    public void Parses_port_count_and_format_tokens_of_non_RTP_streams()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 49170/2 RTP/AVP 0\r\nm=image 0 udptl t38\r\n");

        Assert.Equal(49170, sdp.Media[0].Port);
        Assert.Equal(2, sdp.Media[0].PortCount);
        Assert.Equal(["t38"], sdp.Media[1].Formats);
        Assert.Empty(sdp.Media[1].PayloadTypes);
    }

    [Fact]
    public void Origin_username_with_spaces_is_read_from_the_right()
    {
        var sdp = Parse("v=0\r\no=Cisco SIP UA 7321 4414 IN IP4 192.0.2.9\r\ns=SIP Call\r\nt=0 0\r\n");

        Assert.Equal(new SdpOrigin("Cisco SIP UA", "7321", 4414, "IN", "IP4", "192.0.2.9"), sdp.Origin);
    }

    [Fact]
    public void Missing_session_name_and_timing_read_as_their_defaults()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 0\r\n");

        Assert.Equal(string.Empty, sdp.SessionName);
        Assert.Equal([SdpTiming.Permanent], sdp.Timings);
        Assert.Contains("s= \r\n", sdp.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_ptime_is_rounded_and_garbage_ptime_is_ignored()
    {
        var sdp = Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:20.0\r\nm=audio 4002 RTP/AVP 0\r\na=ptime:soon\r\n");

        Assert.Equal(20, sdp.Media[0].Ptime);
        Assert.Null(sdp.Media[1].Ptime);
    }

    [Fact]
    public void A_successful_parse_reports_no_error()
    {
        Assert.True(SessionDescription.TryParse(SdpSamples.Sipp, out _, out var error));
        Assert.Equal(SdpParseErrorReason.None, error.Reason);
    }

    [Fact]
    public void String_and_byte_overloads_agree()
    {
        Assert.True(SessionDescription.TryParse(SdpSamples.Asterisk, out var fromString, out _));
        Assert.True(SessionDescription.TryParse(Encoding.UTF8.GetBytes(SdpSamples.Asterisk), out var fromBytes, out _));

        Assert.Equal(fromBytes.ToString(), fromString.ToString());
    }

    [Fact]
    public void Invalid_UTF8_in_a_text_field_becomes_a_replacement_character()
    {
        byte[] body = [.. "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=T"u8, 0xE9, .. "l\u00e9phone\r\nt=0 0\r\n"u8];

        Assert.True(SessionDescription.TryParse(body, out var sdp, out _));
        Assert.Equal("T\uFFFDl\u00e9phone", sdp.SessionName);
    }
}
