using System.Text;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Sip.Tests.Sdp;

public class SdpMalformedInputTests
{
    private const string Head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

    public static TheoryData<string, string, SdpParseErrorReason, int> Cases => new()
    {
        { "empty body", "", SdpParseErrorReason.Empty, 0 },
        { "only blank lines", "\r\n \r\n\n", SdpParseErrorReason.Empty, 0 },
        { "no v= line", "o=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n", SdpParseErrorReason.MissingVersion, 1 },
        { "not SDP at all", "<xml/>\r\n", SdpParseErrorReason.MissingVersion, 1 },
        { "v=1", "v=1\r\no=- 1 1 IN IP4 192.0.2.1\r\n", SdpParseErrorReason.UnsupportedVersion, 1 },
        { "no o= line", "v=0\r\ns=-\r\nt=0 0\r\n", SdpParseErrorReason.MissingOrigin, 0 },
        { "o= with four fields", "v=0\r\no=- 1 IN IP4\r\n", SdpParseErrorReason.InvalidOrigin, 2 },
        { "o= version not a number", "v=0\r\no=- 1 v2 IN IP4 192.0.2.1\r\n", SdpParseErrorReason.InvalidOrigin, 2 },
        { "second o=", Head + "o=- 2 2 IN IP4 192.0.2.1\r\n", SdpParseErrorReason.DuplicateField, 5 },
        { "second v=", Head + "v=0\r\n", SdpParseErrorReason.DuplicateField, 5 },
        { "second session c=", Head + "c=IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.2\r\n", SdpParseErrorReason.DuplicateField, 6 },
        { "second media c=", Head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\nc=IN IP4 192.0.2.2\r\n", SdpParseErrorReason.DuplicateField, 7 },
        { "glued second description", Head + "m=audio 4000 RTP/AVP 0\r\nv=0\r\n", SdpParseErrorReason.DuplicateField, 6 },
        { "line without =", Head + "hello world\r\n", SdpParseErrorReason.MalformedLine, 5 },
        { "space before =", Head + "a =sendrecv\r\n", SdpParseErrorReason.MalformedLine, 5 },
        { "c= with two fields", Head + "c=IN IP4\r\n", SdpParseErrorReason.InvalidConnection, 5 },
        { "c= with four fields", Head + "c=IN IP4 192.0.2.1 extra\r\n", SdpParseErrorReason.InvalidConnection, 5 },
        { "c= bad TTL", Head + "c=IN IP4 224.2.1.1/abc\r\n", SdpParseErrorReason.InvalidConnection, 5 },
        { "c= IP6 with TTL and count", Head + "c=IN IP6 ff15::101/3/2\r\n", SdpParseErrorReason.InvalidConnection, 5 },
        { "b= without colon", Head + "b=AS\r\n", SdpParseErrorReason.InvalidBandwidth, 5 },
        { "b= not a number", Head + "b=AS:lots\r\n", SdpParseErrorReason.InvalidBandwidth, 5 },
        { "t= one number", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0\r\n", SdpParseErrorReason.InvalidTiming, 4 },
        { "m= without protocol", Head + "m=audio 4000\r\n", SdpParseErrorReason.InvalidMedia, 5 },
        { "m= zero port count", Head + "m=audio 4000/0 RTP/AVP 0\r\n", SdpParseErrorReason.InvalidMedia, 5 },
        { "m= port not numeric", Head + "m=audio abc RTP/AVP 0\r\n", SdpParseErrorReason.InvalidPort, 5 },
        { "m= port negative", Head + "m=audio -4000 RTP/AVP 0\r\n", SdpParseErrorReason.InvalidPort, 5 },
        { "m= port too large", Head + "m=audio 70000 RTP/AVP 0\r\n", SdpParseErrorReason.InvalidPort, 5 },
        { "a= without name", Head + "m=audio 4000 RTP/AVP 0\r\na=:0 PCMU/8000\r\n", SdpParseErrorReason.InvalidAttribute, 6 },
        { "empty a=", Head + "a=\r\n", SdpParseErrorReason.InvalidAttribute, 5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rejects_with_reason_and_line(string name, string text, SdpParseErrorReason reason, int line)
    {
        var ok = SessionDescription.TryParse(Encoding.UTF8.GetBytes(text), out var sdp, out var error);

        Assert.False(ok, name);
        Assert.Null(sdp);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(line, error.LineNumber);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Error_text_names_the_reason_line_and_offending_token()
    {
        SessionDescription.TryParse(Head + "m=audio 49x RTP/AVP 0\r\n", out _, out var error);

        Assert.Equal("InvalidPort at line 5: m= port \"49x\" is not a number from 0 to 65535", error.ToString());
    }

    [Fact]
    public void Error_text_truncates_long_peer_input()
    {
        SessionDescription.TryParse(Head + "m=audio " + new string('9', 500) + " RTP/AVP 0\r\n", out _, out var error);

        Assert.Equal(SdpParseErrorReason.InvalidPort, error.Reason);
        Assert.True(error.Message.Length < 120, error.Message);
    }

    [Fact]
    public void Rejects_oversized_bodies_before_reading_them()
    {
        var body = new byte[SdpParseError.MaximumBodySize + 1];

        Assert.False(SessionDescription.TryParse(body, out _, out var error));
        Assert.Equal(SdpParseErrorReason.TooLarge, error.Reason);
    }

    [Theory]
    [InlineData("0 PCMU/8000", 0, "PCMU", 8000, null)]
    [InlineData("111 opus/48000/2", 111, "opus", 48000, 2)]
    [InlineData("101  telephone-event/8000", 101, "telephone-event", 8000, null)]
    public void Reads_rtpmap_values(string value, int payloadType, string name, int clockRate, int? channels)
    {
        Assert.True(SdpRtpMap.TryParse(value, out var map));
        Assert.Equal(new SdpRtpMap(payloadType, name, clockRate, channels), map);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PCMU/8000")]
    [InlineData("x PCMU/8000")]
    [InlineData("128 PCMU/8000")]
    [InlineData("0 PCMU")]
    [InlineData("0 PCMU/fast")]
    [InlineData("0 PCMU/0")]
    [InlineData("0 /8000")]
    [InlineData("111 opus/48000/two")]
    [InlineData("111 opus/48000/2/1")]
    public void Refuses_malformed_rtpmap_values(string? value)
    {
        Assert.False(SdpRtpMap.TryParse(value, out _));
    }

    [Theory]
    [InlineData("IN", "IP4", "10.1")]
    [InlineData("IN", "IP4", "pbx.example.com")]
    [InlineData("IN", "IP4", "2001:db8::1")]
    [InlineData("IN", "IP6", "192.0.2.1")]
    [InlineData("ATM", "NSAP", "47.0005.80FFE1")]
    public void Connection_addresses_that_are_not_matching_literals_give_no_IP(string network, string type, string address)
    {
        Assert.False(new SdpConnection(network, type, address).TryGetIPAddress(out _));
    }
}
