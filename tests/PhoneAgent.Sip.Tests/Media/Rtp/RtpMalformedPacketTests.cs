using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class RtpMalformedPacketTests
{
    private const string Fixed = "80 00 00 01 00 00 00 02 00 00 00 03";

    public static TheoryData<string, string, RtpParseError, int, int> Cases => new()
    {
        { "empty", "", RtpParseError.TooShort, 12, 0 },
        { "one byte", "80", RtpParseError.TooShort, 12, 1 },
        { "eleven bytes", "80 00 00 01 00 00 00 02 00 00 00", RtpParseError.TooShort, 12, 11 },
        { "version 0", "00 00 00 01 00 00 00 02 00 00 00 03", RtpParseError.BadVersion, 0, 12 },
        { "version 1", "40 00 00 01 00 00 00 02 00 00 00 03", RtpParseError.BadVersion, 0, 12 },
        { "version 3", "C0 00 00 01 00 00 00 02 00 00 00 03 AA", RtpParseError.BadVersion, 0, 13 },
        { "one CSRC, none present", "81 00 00 01 00 00 00 02 00 00 00 03", RtpParseError.CsrcPastEnd, 16, 12 },
        { "fifteen CSRCs, two present", "8F 00 00 01 00 00 00 02 00 00 00 03 00 00 00 01 00 00 00 02", RtpParseError.CsrcPastEnd, 72, 20 },
        { "CSRC cut short", "82 00 00 01 00 00 00 02 00 00 00 03 00 00 00 01 00 00 00", RtpParseError.CsrcPastEnd, 20, 19 },
        { "X bit, no extension header", "90 00 00 01 00 00 00 02 00 00 00 03 BE DE", RtpParseError.ExtensionPastEnd, 16, 14 },
        { "extension length past end", "90 00 00 01 00 00 00 02 00 00 00 03 BE DE 00 02 10 FF 00 00", RtpParseError.ExtensionPastEnd, 24, 20 },
        { "extension length 0xFFFF", "90 00 00 01 00 00 00 02 00 00 00 03 BE DE FF FF", RtpParseError.ExtensionPastEnd, 16 + (0xFFFF * 4), 16 },
        { "extension after CSRC past end", "91 00 00 01 00 00 00 02 00 00 00 03 00 00 00 0A BE DE 00 01", RtpParseError.ExtensionPastEnd, 24, 20 },
        { "padding bit, no bytes after header", "A0 00 00 01 00 00 00 02 00 00 00 03", RtpParseError.PaddingTooLong, 13, 12 },
        { "padding longer than payload", "A0 00 00 01 00 00 00 02 00 00 00 03 AA BB 05", RtpParseError.PaddingTooLong, 17, 15 },
        { "padding 255 on a tiny packet", "A0 00 00 01 00 00 00 02 00 00 00 03 FF", RtpParseError.PaddingTooLong, 267, 13 },
        { "padding reaching into the extension", "B0 00 00 01 00 00 00 02 00 00 00 03 BE DE 00 01 00 00 00 00 AA 03", RtpParseError.PaddingTooLong, 23, 22 },
        { "padding count zero", "A0 00 00 01 00 00 00 02 00 00 00 03 AA 00", RtpParseError.PaddingCountZero, 0, 14 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_packets_give_their_reason_and_sizes(string name, string hex, RtpParseError reason, int expected, int actual)
    {
        var data = Bytes.Hex(hex);

        var ok = RtpPacket.TryParse(data, out var packet, out var failure);

        Assert.False(ok, name);
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(expected, failure.Expected);
        Assert.Equal(actual, failure.Actual);
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Failure_text_states_expected_and_actual_size()
    {
        RtpPacket.TryParse(Bytes.Hex(Fixed[..^3]), out _, out var failure);

        Assert.Equal("TooShort: needs 12 bytes, has 11", failure.ToString());
    }

    [Fact]
    public void Every_prefix_of_a_full_packet_is_rejected_without_throwing()
    {
        var full = Bytes.Hex("B2 00 00 07 00 00 00 A0 00 00 00 01 00 00 00 0A 00 00 00 0B BE DE 00 01 10 FF 00 00 AA BB 00 00 03");
        for (var length = 0; length < full.Length; length++)
        {
            Assert.False(RtpPacket.TryParse(full.AsSpan(0, length), out _, out var failure), $"prefix {length}");
            Assert.NotEqual(RtpParseError.None, failure.Reason);
        }
    }
}
