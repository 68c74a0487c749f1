using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void Parses_the_fixed_header_and_payload()
    {
        var data = Bytes.Hex("80 E0 FF FF 00 01 E2 40 DE AD BE EF 01 02 03");

        Assert.True(RtpPacket.TryParse(data, out var packet, out var failure));

        Assert.Equal(RtpParseError.None, failure.Reason);
        Assert.True(packet.Header.Marker);
        Assert.Equal(96, packet.Header.PayloadType);
        Assert.Equal(65535, packet.Header.SequenceNumber);
        Assert.Equal(123456u, packet.Header.Timestamp);
        Assert.Equal(0xDEADBEEFu, packet.Header.Ssrc);
        Assert.Equal(0, packet.CsrcCount);
        Assert.False(packet.HasExtension);
        Assert.Equal(0, packet.PaddingLength);
        Assert.Equal([1, 2, 3], packet.Payload.ToArray());
    }

    [Fact]
    public void Parses_csrcs_extension_and_padding()
    {
        // CC=2, X=1, P=1; an RFC 8285 one-byte extension of one word; payload AA BB; three bytes of padding.
        var data = Bytes.Hex("B2 00 00 07 00 00 00 A0 00 00 00 01" + "00 00 00 0A 00 00 00 0B" + "BE DE 00 01 10 FF 00 00" + "AA BB" + "00 00 03");

        Assert.True(RtpPacket.TryParse(data, out var packet, out _));

        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(10u, packet.GetCsrc(0));
        Assert.Equal(11u, packet.GetCsrc(1));
        Assert.True(packet.HasExtension);
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal([0x10, 0xFF, 0, 0], packet.ExtensionData.ToArray());
        Assert.Equal(3, packet.PaddingLength);
        Assert.Equal([0xAA, 0xBB], packet.Payload.ToArray());
    }

    [Fact]
    public void Padding_may_take_the_whole_payload()
    {
        var data = Bytes.Hex("A0 00 00 01 00 00 00 00 00 00 00 01 00 00 00 04");

        Assert.True(RtpPacket.TryParse(data, out var packet, out _));

        Assert.Equal(4, packet.PaddingLength);
        Assert.True(packet.Payload.IsEmpty);
    }

    [Fact]
    public void Extension_of_zero_words_is_just_its_header()
    {
        var data = Bytes.Hex("90 00 00 01 00 00 00 00 00 00 00 01 12 34 00 00 55");

        Assert.True(RtpPacket.TryParse(data, out var packet, out _));

        Assert.Equal(0x1234, packet.ExtensionProfile);
        Assert.True(packet.ExtensionData.IsEmpty);
        Assert.Equal([0x55], packet.Payload.ToArray());
    }

    [Fact]
    public void Writes_a_packet_to_send()
    {
        var packet = new RtpPacket(new RtpHeader(0, 65535, 0xFFFFFF60, 0x01020304, marker: true), [9, 8, 7]);
        var buffer = new byte[64];

        Assert.Equal(15, packet.GetSerializedSize());
        Assert.True(packet.TryWrite(buffer, out var written));

        Assert.Equal(15, written);
        Assert.Equal(Bytes.Hex("80 80 FF FF FF FF FF 60 01 02 03 04 09 08 07"), buffer[..written]);
    }

    [Theory]
    [InlineData("80 00 00 01 00 00 00 00 00 00 00 01")]
    [InlineData("80 E0 FF FF 00 01 E2 40 DE AD BE EF 01 02 03")]
    [InlineData("B2 00 00 07 00 00 00 A0 00 00 00 01 00 00 00 0A 00 00 00 0B BE DE 00 01 10 FF 00 00 AA BB 00 00 03")]
    [InlineData("A0 00 00 01 00 00 00 00 00 00 00 01 00 00 00 04")]
    public void Parsed_packets_serialise_to_the_same_bytes(string hex)
    {
        var data = Bytes.Hex(hex);
        Assert.True(RtpPacket.TryParse(data, out var packet, out _));
        var buffer = new byte[data.Length];

        Assert.Equal(data.Length, packet.GetSerializedSize());
        Assert.True(packet.TryWrite(buffer, out var written));

        Assert.Equal(data.Length, written);
        Assert.Equal(data, buffer);
    }

    [Fact]
    public void Too_small_a_destination_writes_nothing()
    {
        var packet = new RtpPacket(new RtpHeader(8, 1, 2, 3), new byte[160]);
        var buffer = new byte[171];

        Assert.False(packet.TryWrite(buffer, out var written));

        Assert.Equal(0, written);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Sending_allocates_nothing()
    {
        var payload = new byte[160];
        var buffer = new byte[172];
        Send(payload, buffer, 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Send(payload, buffer, i);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        static void Send(byte[] payload, byte[] buffer, int i)
        {
            var packet = new RtpPacket(new RtpHeader(0, (ushort)i, (uint)(i * 160), 42), payload);
            if (!packet.TryWrite(buffer, out _))
            {
                throw new InvalidOperationException("buffer too small");
            }
        }
    }

    [Fact]
    public void Payload_type_must_fit_seven_bits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpHeader(128, 0, 0, 0));
    }

    [Fact]
    public void Csrc_index_is_checked()
    {
        var data = Bytes.Hex("81 00 00 01 00 00 00 00 00 00 00 01 00 00 00 0A");
        Assert.True(RtpPacket.TryParse(data, out var packet, out _));

        Assert.Equal(10u, packet.GetCsrc(0));
        var threw = false;
        try
        {
            packet.GetCsrc(1);
        }
        catch (ArgumentOutOfRangeException)
        {
            threw = true;
        }

        Assert.True(threw);
    }
}
