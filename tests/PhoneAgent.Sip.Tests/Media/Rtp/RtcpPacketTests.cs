using System.Text;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class RtcpPacketTests
{
    private static readonly RtcpReportBlock First = new(0x11111111, 25, -5, (3u << 16) | 65535, 88, 0xAABBCCDD, 32768);
    private static readonly RtcpReportBlock Second = new(0x22222222, 255, 10_000_000, 7, 0, 0, 0);

    [Fact]
    public void Compound_SR_SDES_BYE_round_trips()
    {
        var buffer = new byte[512];
        var writer = new RtcpCompoundWriter(buffer);
        var info = new RtcpSenderInfo(0x83AA7E8080000000, 160_000, 1000, 160_000);

        Assert.True(writer.TryWriteSenderReport(0xCAFEBABE, info, [First, Second]));
        Assert.True(writer.TryWriteSourceDescription(0xCAFEBABE, "bot@example.com"u8));
        Assert.True(writer.TryWriteGoodbye([0xCAFEBABE], "call ended"u8));
        var expectedSize = RtcpCompoundWriter.GetSenderReportSize(2) + RtcpCompoundWriter.GetSourceDescriptionSize(15) + RtcpCompoundWriter.GetGoodbyeSize(1, 10);
        Assert.Equal(expectedSize, writer.BytesWritten);
        var datagram = writer.Written.ToArray();

        Assert.True(RtcpCompoundReader.TryValidate(datagram, out var failure), failure.ToString());
        var reader = new RtcpCompoundReader(datagram);

        Assert.True(reader.TryRead(out var packet));
        Assert.True(RtcpReport.TryParse(packet, out var report, out _));
        Assert.True(report.IsSenderReport);
        Assert.Equal(0xCAFEBABEu, report.Ssrc);
        Assert.Equal(info, report.SenderInfo);
        Assert.Equal(2, report.ReportCount);
        Assert.Equal(First, report.GetReportBlock(0));
        Assert.Equal(Second with { CumulativeLost = RtcpReportBlock.MaxCumulativeLost }, report.GetReportBlock(1));

        Assert.True(reader.TryRead(out packet));
        Assert.True(RtcpSourceDescription.TryParse(packet, out var sdes, out _));
        Assert.True(sdes.TryGetCname(0xCAFEBABE, out var cname));
        Assert.Equal("bot@example.com", Encoding.UTF8.GetString(cname));

        Assert.True(reader.TryRead(out packet));
        Assert.True(RtcpGoodbye.TryParse(packet, out var bye, out _));
        Assert.Equal(1, bye.SourceCount);
        Assert.Equal(0xCAFEBABEu, bye.GetSource(0));
        Assert.Equal("call ended", Encoding.UTF8.GetString(bye.Reason));

        Assert.False(reader.TryRead(out _));
        Assert.Equal(RtcpParseError.None, reader.Failure.Reason);
    }

    [Fact]
    public void Receiver_report_matches_the_RFC_layout()
    {
        // RR from SSRC 1 with one block: fraction 0x40, cumulative lost -5 as 24-bit two's complement, jitter 0x20.
        var datagram = Bytes.Hex(
            "81 C9 00 07 00 00 00 01" +
            "00 00 00 02 40 FF FF FB 00 01 00 10 00 00 00 20 12 34 56 78 00 00 80 00");

        Assert.True(RtcpCompoundReader.TryValidate(datagram, out _));
        var reader = new RtcpCompoundReader(datagram);
        Assert.True(reader.TryRead(out var packet));
        Assert.Equal((byte)RtcpPacketType.ReceiverReport, packet.Type);
        Assert.True(RtcpReport.TryParse(packet, out var report, out _));

        Assert.False(report.IsSenderReport);
        Assert.Equal(1u, report.Ssrc);
        Assert.Equal(new RtcpReportBlock(2, 0x40, -5, 0x00010010, 0x20, 0x12345678, 0x8000), report.GetReportBlock(0));

        var buffer = new byte[datagram.Length];
        var writer = new RtcpCompoundWriter(buffer);
        Assert.True(writer.TryWriteReceiverReport(1, [report.GetReportBlock(0)]));
        Assert.Equal(datagram, buffer);
    }

    [Fact]
    public void Empty_receiver_report_and_CNAME_is_the_minimal_compound()
    {
        var buffer = new byte[64];
        var writer = new RtcpCompoundWriter(buffer);

        Assert.True(writer.TryWriteReceiverReport(7, []));
        Assert.True(writer.TryWriteSourceDescription(7, "ab"u8));

        // RR: 8 bytes. SDES: header, SSRC, CNAME type+length+"ab", one null, then nulls to the word boundary.
        Assert.Equal(Bytes.Hex("80 C9 00 01 00 00 00 07" + "81 CA 00 03 00 00 00 07 01 02 61 62 00 00 00 00"), writer.Written.ToArray());
    }

    [Fact]
    public void Profile_extensions_after_report_blocks_are_ignored()
    {
        var datagram = Bytes.Hex("80 C9 00 02 00 00 00 01 DE AD BE EF");

        var reader = new RtcpCompoundReader(datagram);
        Assert.True(reader.TryRead(out var packet));
        Assert.True(RtcpReport.TryParse(packet, out var report, out _));

        Assert.Equal(0, report.ReportCount);
    }

    [Fact]
    public void Padding_on_the_last_packet_is_stripped_from_its_body()
    {
        // RR, then BYE for one source with P set and four bytes of padding (count 4).
        var datagram = Bytes.Hex("80 C9 00 01 00 00 00 01" + "A1 CB 00 02 00 00 00 01 00 00 00 04");

        Assert.True(RtcpCompoundReader.TryValidate(datagram, out var failure), failure.ToString());
        var reader = new RtcpCompoundReader(datagram);
        reader.TryRead(out _);
        Assert.True(reader.TryRead(out var packet));
        Assert.True(packet.HasPadding);
        Assert.Equal(4, packet.Body.Length);
        Assert.True(RtcpGoodbye.TryParse(packet, out var bye, out _));
        Assert.True(bye.Reason.IsEmpty);
    }

    [Fact]
    public void Unknown_packet_types_are_read_and_can_be_skipped()
    {
        // RR followed by an RTPFB (205, RFC 4585) the stack does not interpret.
        var datagram = Bytes.Hex("80 C9 00 01 00 00 00 01" + "81 CD 00 02 00 00 00 01 00 00 00 02");

        Assert.True(RtcpCompoundReader.TryValidate(datagram, out _));
        var reader = new RtcpCompoundReader(datagram);
        reader.TryRead(out _);
        Assert.True(reader.TryRead(out var packet));

        Assert.Equal(205, packet.Type);
        Assert.False(RtcpReport.TryParse(packet, out _, out var failure));
        Assert.Equal(RtcpParseError.WrongPacketType, failure.Reason);
    }

    [Fact]
    public void SDES_items_of_several_chunks_are_enumerated()
    {
        // Two chunks: SSRC 1 with CNAME "a" and TOOL "t1"; SSRC 2 with CNAME "bb". Each list ends with a null and
        // pads to a word.
        var datagram = Bytes.Hex(
            "80 C9 00 01 00 00 00 01" +
            "82 CA 00 06" +
            "00 00 00 01 01 01 61 06 02 74 31 00" +
            "00 00 00 02 01 02 62 62 00 00 00 00");

        Assert.True(RtcpCompoundReader.TryValidate(datagram, out var failure), failure.ToString());
        var reader = new RtcpCompoundReader(datagram);
        reader.TryRead(out _);
        reader.TryRead(out var packet);
        Assert.True(RtcpSourceDescription.TryParse(packet, out var sdes, out failure), failure.ToString());

        var items = new List<(uint, byte, string)>();
        foreach (var item in sdes)
        {
            items.Add((item.Ssrc, item.Type, Encoding.UTF8.GetString(item.Value)));
        }

        Assert.Equal([(1u, (byte)1, "a"), (1u, (byte)6, "t1"), (2u, (byte)1, "bb")], items);
        Assert.True(sdes.TryGetCname(2, out var cname));
        Assert.Equal("bb"u8.ToArray(), cname.ToArray());
        Assert.False(sdes.TryGetCname(3, out _));
    }

    public static TheoryData<string, string, RtcpParseError> InvalidCompounds => new()
    {
        { "empty", "", RtcpParseError.TooShort },
        { "three bytes", "80 C9 00", RtcpParseError.TooShort },
        { "version 1", "40 C9 00 01 00 00 00 01", RtcpParseError.BadVersion },
        { "length past end", "80 C9 00 02 00 00 00 01", RtcpParseError.LengthPastEnd },
        { "length 0xFFFF", "80 C9 FF FF 00 00 00 01", RtcpParseError.LengthPastEnd },
        { "starts with SDES", "81 CA 00 01 00 00 00 01", RtcpParseError.FirstNotReport },
        { "starts with BYE", "81 CB 00 01 00 00 00 01", RtcpParseError.FirstNotReport },
        { "padding on the first of two", "A0 C9 00 01 00 00 00 04" + "81 CB 00 01 00 00 00 01", RtcpParseError.PaddingNotLast },
        { "padding count zero", "A0 C9 00 01 00 00 00 00", RtcpParseError.PaddingInvalid },
        { "padding longer than packet", "A0 C9 00 01 00 00 00 09", RtcpParseError.PaddingInvalid },
        { "trailing bytes", "80 C9 00 01 00 00 00 01 80 C9", RtcpParseError.TooShort },
        { "second packet version 0", "80 C9 00 01 00 00 00 01" + "01 CB 00 01 00 00 00 01", RtcpParseError.BadVersion },
        { "second packet past end", "80 C9 00 01 00 00 00 01" + "81 CB 00 05 00 00 00 01", RtcpParseError.LengthPastEnd },
    };

    [Theory]
    [MemberData(nameof(InvalidCompounds))]
    public void Invalid_compounds_give_their_reason(string name, string hex, RtcpParseError reason)
    {
        Assert.False(RtcpCompoundReader.TryValidate(Bytes.Hex(hex), out var failure), name);
        Assert.Equal(reason, failure.Reason);
    }

    public static TheoryData<string, string, RtcpParseError, int, int> InvalidPackets => new()
    {
        { "RR counts two blocks, holds one", "82 C9 00 07 00 00 00 01" + "00 00 00 02 40 FF FF FB 00 01 00 10 00 00 00 20 12 34 56 78 00 00 80 00", RtcpParseError.ReportPastEnd, 56, 32 },
        { "RR without its SSRC", "80 C9 00 00", RtcpParseError.ReportPastEnd, 8, 4 },
        { "SR without sender info", "80 C8 00 01 00 00 00 01", RtcpParseError.ReportPastEnd, 28, 8 },
        { "SDES chunk missing", "81 CA 00 00", RtcpParseError.SourceDescriptionPastEnd, 8, 4 },
        { "SDES list not terminated", "81 CA 00 02 00 00 00 01 01 02 61 62", RtcpParseError.SourceDescriptionPastEnd, 13, 12 },
        { "SDES item past end", "81 CA 00 02 00 00 00 01 01 09 61 62", RtcpParseError.SourceDescriptionPastEnd, 19, 12 },
        { "SDES item header cut", "81 CA 00 02 00 00 00 01 01 01 61 01", RtcpParseError.SourceDescriptionPastEnd, 13, 12 },
        { "SDES second chunk missing", "82 CA 00 02 00 00 00 01 00 00 00 00", RtcpParseError.SourceDescriptionPastEnd, 16, 12 },
        { "BYE counts two sources, holds one", "82 CB 00 01 00 00 00 01", RtcpParseError.GoodbyePastEnd, 12, 8 },
        { "BYE reason past end", "81 CB 00 02 00 00 00 01 08 61 62 63", RtcpParseError.GoodbyePastEnd, 17, 12 },
    };

    [Theory]
    [MemberData(nameof(InvalidPackets))]
    public void Invalid_packet_bodies_give_their_reason_and_sizes(string name, string hex, RtcpParseError reason, int expected, int actual)
    {
        var data = Bytes.Hex(hex);
        Assert.True(RtcpPacket.TryParse(data, out var packet, out var headerFailure), headerFailure.ToString());

        var failure = (RtcpPacketType)packet.Type switch
        {
            RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport => Report(packet),
            RtcpPacketType.SourceDescription => Sdes(packet),
            _ => Bye(packet),
        };

        Assert.True(reason == failure.Reason, $"{name}: {failure}");
        Assert.Equal(expected, failure.Expected);
        Assert.Equal(actual, failure.Actual);

        static RtcpParseFailure Report(RtcpPacket p) { RtcpReport.TryParse(p, out _, out var f); return f; }
        static RtcpParseFailure Sdes(RtcpPacket p) { RtcpSourceDescription.TryParse(p, out _, out var f); return f; }
        static RtcpParseFailure Bye(RtcpPacket p) { RtcpGoodbye.TryParse(p, out _, out var f); return f; }
    }

    [Fact]
    public void Reader_stops_at_the_first_malformed_packet()
    {
        var reader = new RtcpCompoundReader(Bytes.Hex("80 C9 00 01 00 00 00 01" + "80 C9 00 09 00 00 00 01"));

        Assert.True(reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(new RtcpParseFailure(RtcpParseError.LengthPastEnd, 40, 8), reader.Failure);
        Assert.False(reader.TryRead(out _));
    }

    [Fact]
    public void Writer_refuses_what_does_not_fit_and_writes_nothing()
    {
        var buffer = new byte[RtcpCompoundWriter.GetReceiverReportSize(1) + 4];
        var writer = new RtcpCompoundWriter(buffer);

        Assert.True(writer.TryWriteReceiverReport(1, [First]));
        Assert.False(writer.TryWriteSourceDescription(1, "x"u8));

        Assert.Equal(RtcpCompoundWriter.GetReceiverReportSize(1), writer.BytesWritten);
        Assert.All(buffer[writer.BytesWritten..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void Writer_requires_a_report_first_and_checks_counts()
    {
        var buffer = new byte[2048];

        Assert.Throws<InvalidOperationException>(() => new RtcpCompoundWriter(buffer).TryWriteSourceDescription(1, "x"u8));
        Assert.Throws<InvalidOperationException>(() => new RtcpCompoundWriter(buffer).TryWriteGoodbye([1], default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtcpCompoundWriter(buffer).TryWriteReceiverReport(1, new RtcpReportBlock[32]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtcpCompoundWriter.GetSourceDescriptionSize(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => RtcpCompoundWriter.GetGoodbyeSize(1, 256));
    }

    [Fact]
    public void Building_reports_allocates_nothing()
    {
        var buffer = new byte[256];
        var blocks = new[] { First, Second };
        var cname = "bot@example.com"u8.ToArray();
        Build(buffer, blocks, cname);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Build(buffer, blocks, cname);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        static void Build(byte[] buffer, RtcpReportBlock[] blocks, byte[] cname)
        {
            var writer = new RtcpCompoundWriter(buffer);
            if (!writer.TryWriteSenderReport(1, new RtcpSenderInfo(1, 2, 3, 4), blocks) || !writer.TryWriteSourceDescription(1, cname))
            {
                throw new InvalidOperationException("buffer too small");
            }
        }
    }
}
