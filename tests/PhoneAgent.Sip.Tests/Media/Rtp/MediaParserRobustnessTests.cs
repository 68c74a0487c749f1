using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

/// <summary>
/// Deterministic fuzzing of the RTP and RTCP parsers: random and mutated datagrams never throw, and whatever parses
/// is self-consistent. The seeds are fixed so a failure reproduces; the failing input is printed as base64.
/// </summary>
public sealed class MediaParserRobustnessTests
{
    private const int Iterations = 20_000;

    private static readonly byte[][] RtpSeeds =
    [
        Bytes.Hex("80 00 00 01 00 00 00 02 00 00 00 03 AA BB"),
        Bytes.Hex("B2 E0 FF FF 00 00 00 A0 00 00 00 01 00 00 00 0A 00 00 00 0B BE DE 00 01 10 FF 00 00 AA BB 00 00 03"),
        Bytes.Hex("A0 65 00 01 00 00 00 00 00 00 00 01 05 8A 03 20 00 00 00 04"),
        Bytes.Hex("9F 00 00 01 00 00 00 00 00 00 00 01"),
    ];

    private static readonly byte[][] RtcpSeeds = BuildRtcpSeeds();

    [Fact]
    public void Random_and_mutated_RTP_never_throws_and_round_trips()
    {
        var random = new Random(3550);
        for (var i = 0; i < Iterations; i++)
        {
            var input = Generate(random, RtpSeeds, i);
            try
            {
                CheckRtp(input);
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} threw {e.GetType().Name}: {e.Message}\ninput: {Convert.ToBase64String(input)}");
            }
        }
    }

    [Fact]
    public void Random_and_mutated_RTCP_never_throws()
    {
        var random = new Random(3551);
        var valid = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var input = Generate(random, RtcpSeeds, i);
            try
            {
                valid += CheckRtcp(input) ? 1 : 0;
            }
            catch (Exception e)
            {
                Assert.Fail($"iteration {i} threw {e.GetType().Name}: {e.Message}\ninput: {Convert.ToBase64String(input)}");
            }
        }

        // Mutations must reach the typed parsers, not just bounce off the compound checks.
        Assert.InRange(valid, Iterations / 20, Iterations);
    }

    [Fact]
    public void Random_packets_never_break_the_jitter_buffer_or_DTMF_receiver()
    {
        var random = new Random(4733);
        var time = new ManualTimeProvider();
        var options = new JitterBufferOptions();
        var buffer = new AdaptiveJitterBuffer(options, time);
        var dtmf = new DtmfReceiver(8000, time);
        var destination = new byte[options.MaxPayloadSize];
        ushort seq = 65000;
        for (var i = 0; i < Iterations; i++)
        {
            // Mostly a plausible stream with loss, reordering, duplicates and jumps; sometimes anything at all.
            var ssrc = random.Next(50) == 0 ? (uint)random.Next(3) : 1u;
            seq = random.Next(10) switch
            {
                0 => (ushort)random.Next(65536),
                1 => (ushort)(seq - random.Next(40)),
                _ => (ushort)(seq + random.Next(3)),
            };
            var payload = new byte[random.Next(6)];
            random.NextBytes(payload);
            buffer.Insert(ssrc, seq, (uint)(seq * 160) + (uint)random.Next(400), random.Next(20) == 0, payload);
            dtmf.Process(ssrc, (uint)(seq / 8 * 160), payload);
            if (random.Next(8) == 0)
            {
                buffer.InsertNonAudio(ssrc, (ushort)(seq + random.Next(-3, 4)));
            }

            time.Advance(TimeSpan.FromMilliseconds(random.Next(41)));
            var frame = buffer.Pop(destination);
            Assert.True(Enum.IsDefined(frame.Status));
            Assert.True(frame.PayloadLength <= 5);
            Assert.True(buffer.Statistics.CurrentDepth <= options.MaximumDepth, buffer.Statistics.ToString());
            while (dtmf.TryRead(out var digit))
            {
                Assert.Contains(digit.Digit, "0123456789*#ABCD");
            }
        }

        var stats = buffer.Statistics;
        Assert.True(stats.Received == Iterations);
        Assert.True(stats.Duplicates > 0 && stats.Late > 0 && stats.Lost > 0 && stats.Resynchronizations > 0, stats.ToString());
    }

    private static void CheckRtp(byte[] input)
    {
        if (!RtpPacket.TryParse(input, out var packet, out var failure))
        {
            Assert.NotEqual(RtpParseError.None, failure.Reason);
            return;
        }

        Assert.Equal(RtpParseError.None, failure.Reason);
        for (var c = 0; c < packet.CsrcCount; c++)
        {
            packet.GetCsrc(c);
        }

        // Parsing accounts for every byte, and writing reproduces them, padding contents aside.
        Assert.Equal(input.Length, packet.GetSerializedSize());
        var output = new byte[input.Length];
        Assert.True(packet.TryWrite(output, out var written));
        Assert.Equal(input.Length, written);
        var unpadded = input.Length - packet.PaddingLength;
        Assert.True(input.AsSpan(0, unpadded).SequenceEqual(output.AsSpan(0, unpadded)));
        Assert.Equal(input[^1], output[^1]);
    }

    private static bool CheckRtcp(byte[] input)
    {
        var valid = RtcpCompoundReader.TryValidate(input, out _);
        var reader = new RtcpCompoundReader(input);
        while (reader.TryRead(out var packet))
        {
            switch ((RtcpPacketType)packet.Type)
            {
                case RtcpPacketType.SenderReport or RtcpPacketType.ReceiverReport when RtcpReport.TryParse(packet, out var report, out _):
                    for (var b = 0; b < report.ReportCount; b++)
                    {
                        report.GetReportBlock(b);
                    }

                    break;
                case RtcpPacketType.SourceDescription when RtcpSourceDescription.TryParse(packet, out var sdes, out _):
                    foreach (var item in sdes)
                    {
                        Assert.True(item.Value.Length <= 255);
                    }

                    sdes.TryGetCname(1, out _);
                    break;
                case RtcpPacketType.Goodbye when RtcpGoodbye.TryParse(packet, out var bye, out _):
                    for (var s = 0; s < bye.SourceCount; s++)
                    {
                        bye.GetSource(s);
                    }

                    break;
            }
        }

        // A datagram that validates reads to its end without a failure.
        Assert.True(!valid || reader.Failure.Reason == RtcpParseError.None);
        return valid;
    }

    private static byte[] Generate(Random random, byte[][] seeds, int iteration)
    {
        if (iteration % 4 == 0)
        {
            var noise = new byte[random.Next(0, 80)];
            random.NextBytes(noise);
            // Half the noise gets version 2, so it gets past the first check.
            if (noise.Length > 0 && random.Next(2) == 0)
            {
                noise[0] = (byte)(0x80 | (noise[0] & 0x3F));
            }

            return noise;
        }

        var bytes = new List<byte>(seeds[random.Next(seeds.Length)]);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            switch (random.Next(5))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                case 2:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 3 when bytes.Count > 0:
                    var cut = random.Next(bytes.Count);
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        var at = random.Next(bytes.Count);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
            }
        }

        return [.. bytes];
    }

    private static byte[][] BuildRtcpSeeds()
    {
        var block = new RtcpReportBlock(2, 10, -3, 70000, 33, 0x12345678, 500);
        var seeds = new List<byte[]>();
        var buffer = new byte[512];

        var writer = new RtcpCompoundWriter(buffer);
        writer.TryWriteSenderReport(1, new RtcpSenderInfo(1, 2, 3, 4), [block, block]);
        writer.TryWriteSourceDescription(1, "bot@example.com"u8);
        writer.TryWriteGoodbye([1, 7], "bye"u8);
        seeds.Add(writer.Written.ToArray());

        writer = new RtcpCompoundWriter(buffer);
        writer.TryWriteReceiverReport(1, [block]);
        writer.TryWriteSourceDescription(1, "a"u8);
        seeds.Add(writer.Written.ToArray());

        seeds.Add(Bytes.Hex("80 C9 00 01 00 00 00 01 82 CA 00 06 00 00 00 01 01 01 61 06 02 74 31 00 00 00 00 02 01 02 62 62 00 00 00 00"));
        seeds.Add(Bytes.Hex("80 C9 00 01 00 00 00 01 A1 CB 00 02 00 00 00 01 00 00 00 04"));
        return [.. seeds];
    }
}
