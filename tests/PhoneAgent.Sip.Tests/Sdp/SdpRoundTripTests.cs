using System.Net;
using System.Text;
using PhoneAgent.Sip.Sdp;
using static PhoneAgent.Sip.Tests.Sdp.SdpTestSupport;

namespace PhoneAgent.Sip.Tests.Sdp;

public class SdpRoundTripTests
{
    public static TheoryData<string> Samples => new()
    {
        SdpSamples.Sipp,
        SdpSamples.Baresip,
        SdpSamples.Linphone,
        SdpSamples.Asterisk,
        SdpSamples.OnlyG729,
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Real_offers_serialise_byte_for_byte_as_CRLF(string sample)
    {
        var crlf = SdpSamples.Crlf(sample);

        Assert.Equal(crlf, Parse(sample).ToString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Serialise_then_parse_gives_an_equal_model(string sample)
    {
        var first = Parse(sample);
        var second = Parse(Encoding.UTF8.GetString(first.ToUtf8Bytes()));

        AssertEquivalent(first, second);
    }

    [Fact]
    public void A_model_built_in_code_survives_serialise_then_parse()
    {
        var built = new SessionDescription
        {
            Origin = new SdpOrigin("-", "42", 7, "IN", "IP6", "2001:db8::5"),
            SessionName = "built",
            Connection = SdpConnection.FromIPAddress(IPAddress.Parse("2001:db8::5")),
            Bandwidths = [new SdpBandwidth("CT", 256)],
            Timings = [new SdpTiming(3034423619, 3042462419)],
            Attributes = [new SdpAttribute("recvonly")],
            OtherFields = [new SdpField('z', "2882844526 -1h 2898848070 0")],
            Media =
            [
                new MediaDescription
                {
                    Media = "audio",
                    Port = 49170,
                    PortCount = 2,
                    Protocol = "RTP/AVP",
                    Formats = ["0", "97"],
                    Connection = new SdpConnection("IN", "IP6", "ff15::101", AddressCount: 3),
                    Bandwidths = [new SdpBandwidth("AS", 64)],
                    Attributes = [new SdpRtpMap(97, "iLBC", 8000).ToAttribute(), new SdpFormatParameters(97, "mode=30").ToAttribute(), new SdpAttribute("ptime", "30")],
                },
            ],
        };

        var parsed = Parse(built.ToString());

        AssertEquivalent(built, parsed);
        Assert.Equal(SdpDirection.RecvOnly, parsed.GetEffectiveDirection(parsed.Media[0]));
        Assert.Equal(30, parsed.Media[0].Ptime);
        Assert.Equal("mode=30", parsed.Media[0].GetFormatParameters(97));
    }

    private static void AssertEquivalent(SessionDescription expected, SessionDescription actual)
    {
        Assert.Equal(expected.Origin, actual.Origin);
        Assert.Equal(expected.SessionName, actual.SessionName);
        Assert.Equal(expected.Connection, actual.Connection);
        Assert.Equal(expected.Bandwidths, actual.Bandwidths);
        Assert.Equal(expected.Timings, actual.Timings);
        Assert.Equal(expected.Attributes, actual.Attributes);
        Assert.Equal(expected.OtherFields, actual.OtherFields);
        Assert.Equal(expected.Media.Count, actual.Media.Count);
        for (var i = 0; i < expected.Media.Count; i++)
        {
            var e = expected.Media[i];
            var a = actual.Media[i];
            Assert.Equal(e.Media, a.Media);
            Assert.Equal(e.Port, a.Port);
            Assert.Equal(e.PortCount, a.PortCount);
            Assert.Equal(e.Protocol, a.Protocol);
            Assert.Equal(e.Formats, a.Formats);
            Assert.Equal(e.Connection, a.Connection);
            Assert.Equal(e.Bandwidths, a.Bandwidths);
            Assert.Equal(e.Attributes, a.Attributes);
            Assert.Equal(e.OtherFields, a.OtherFields);
        }
    }
}
