using System.Text;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class TelephoneEventTests
{
    [Fact]
    public void Parses_the_RFC_4733_payload()
    {
        Assert.True(TelephoneEventPayload.TryParse(Bytes.Hex("05 8A 03 20"), out var payload));

        Assert.Equal(new TelephoneEventPayload(5, true, 10, 800), payload);
    }

    [Fact]
    public void The_reserved_bit_is_ignored_on_receipt_and_sent_as_zero()
    {
        Assert.True(TelephoneEventPayload.TryParse(Bytes.Hex("0B 4A 00 A0"), out var payload));
        var buffer = new byte[4];

        Assert.Equal(new TelephoneEventPayload(11, false, 10, 160), payload);
        Assert.True(payload.TryWrite(buffer, out var written));
        Assert.Equal(4, written);
        Assert.Equal(Bytes.Hex("0B 0A 00 A0"), buffer);
    }

    [Theory]
    [InlineData("")]
    [InlineData("05")]
    [InlineData("05 8A 03")]
    public void A_short_payload_is_rejected(string hex)
    {
        Assert.False(TelephoneEventPayload.TryParse(Bytes.Hex(hex), out _));
    }

    [Fact]
    public void Extra_bytes_after_the_event_are_ignored()
    {
        Assert.True(TelephoneEventPayload.TryParse(Bytes.Hex("01 00 00 A0 FF FF"), out var payload));
        Assert.Equal(1, payload.Event);
    }

    [Fact]
    public void Writing_checks_room_and_volume()
    {
        var payload = new TelephoneEventPayload(1, false, 63, 1);

        Assert.Equal(4, payload.GetSerializedSize());
        Assert.False(payload.TryWrite(new byte[3], out var written));
        Assert.Equal(0, written);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TelephoneEventPayload(1, false, 64, 1));
    }

    [Fact]
    public void Event_codes_map_to_the_sixteen_DTMF_digits()
    {
        var digits = Enumerable.Range(0, 16).Select(code => DtmfEvents.TryGetDigit(code, out var d) ? d : '?');

        Assert.Equal("0123456789*#ABCD", string.Concat(digits));
        Assert.False(DtmfEvents.TryGetDigit(16, out _));
        Assert.False(DtmfEvents.TryGetDigit(-1, out _));
        Assert.True(DtmfEvents.TryGetEventCode('#', out var hash));
        Assert.Equal(11, hash);
        Assert.True(DtmfEvents.TryGetEventCode('c', out var c));
        Assert.Equal(14, c);
        Assert.False(DtmfEvents.TryGetEventCode('E', out _));
    }

    public static TheoryData<string, string, char, int> InfoBodies => new()
    {
        { "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", '5', 160 },
        { "Application/DTMF-Relay; charset=utf-8", "signal= # \nduration = 250", '#', 250 },
        { "application/dtmf-relay", "Signal=*", '*', 0 },
        { "application/dtmf-relay", "Signal=11\r\nDuration=100", '#', 100 },
        { "application/dtmf-relay", "Signal=a\r\nDuration=abc\r\n", 'A', 0 },
        { "application/dtmf-relay", "Junk\r\nSignal=0\r\nDuration=-5\r\n", '0', 0 },
        { "application/dtmf", "5", '5', 0 },
        { " application/dtmf ", " d\r\n", 'D', 0 },
        { "application/dtmf", "15", 'D', 0 },
    };

    [Theory]
    [MemberData(nameof(InfoBodies))]
    public void SIP_INFO_bodies_give_the_digit(string contentType, string body, char digit, int durationMs)
    {
        Assert.True(DtmfInfoParser.TryParse(contentType, Encoding.ASCII.GetBytes(body), out var parsed));

        Assert.Equal(new DtmfDigit(digit, TimeSpan.FromMilliseconds(durationMs)), parsed);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160")]
    [InlineData("application/dtmf-relay", "Signal=X\r\nDuration=160")]
    [InlineData("application/dtmf-relay", "Signal=\r\n")]
    [InlineData("application/dtmf-relay", "Signal=16")]
    [InlineData("application/dtmf-relay", "")]
    [InlineData("application/dtmf", "")]
    [InlineData("application/dtmf", "55")]
    [InlineData("application/dtmf", "5 5")]
    [InlineData("text/plain", "Signal=5")]
    [InlineData("application/dtmf-relayx", "Signal=5")]
    public void SIP_INFO_bodies_without_a_digit_are_rejected(string contentType, string body)
    {
        Assert.False(DtmfInfoParser.TryParse(contentType, Encoding.ASCII.GetBytes(body), out _));
    }
}
