using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>The pcap we hand to sipp is read back by tshark as a well-formed RTP stream.</summary>
public sealed class RtpPcapWriterTests
{
    [Fact]
    public async Task Tshark_decodes_every_packet_as_rtp_with_our_sequence_and_timestamps()
    {
        var pcm = new short[8000];
        for (var i = 0; i < pcm.Length; i++) pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0));
        var ulaw = new byte[pcm.Length];
        MuLaw.Encode(pcm, ulaw);
        var path = Path.Combine(Path.GetTempPath(), $"phoneagent-{Guid.NewGuid():N}.pcap");
        try
        {
            RtpPcapWriter.WriteG711(path, ulaw, payloadType: 0);
            await using var tshark = ProcessRunner.Start("tshark", ["-r", path, "-d", "udp.port==6000,rtp", "-T", "fields", "-e", "rtp.seq", "-e", "rtp.timestamp", "-e", "rtp.p_type", "-e", "udp.checksum.status"]);
            var result = await tshark.WaitForExitAsync(TimeSpan.FromSeconds(20));
            var rows = tshark.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Where(f => f.Length >= 3 && f[0].Length > 0).ToArray();
            Assert.True(result.ExitCode == 0, tshark.Output);
            Assert.Equal(50, rows.Length);
            Assert.Equal("1000", rows[0][0]);
            Assert.Equal("1049", rows[^1][0]);
            Assert.Equal((8000 + 49 * 160).ToString(System.Globalization.CultureInfo.InvariantCulture), rows[^1][1]);
            Assert.All(rows, r => Assert.Equal("0", r[2]));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
