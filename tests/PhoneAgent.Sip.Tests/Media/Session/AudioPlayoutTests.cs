using System.Threading.Channels;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Testing;
using Xunit.Abstractions;
using static PhoneAgent.Sip.Tests.Media.AudioSignals;

namespace PhoneAgent.Sip.Tests.Media.Session;

public class AudioPlayoutTests(ITestOutputHelper output)
{
    private const int Ptime = 20;
    private const int FrameSamples = 320;

    [Fact]
    public void A_single_lost_Opus_packet_is_rebuilt_from_the_next_packets_in_band_FEC()
    {
        var input = Voice(16000, 16000);
        var packets = Encode(input);

        // Packet 28 sits near a peak of the voice's 4 Hz envelope, where SILK sends redundancy (see OpusTests).
        const int Lost = 28;
        var lossless = Play(packets, lost: -1);
        var recovered = Play(packets, Lost);

        // Both runs buffer alike, so the first frame where they differ is where the lost packet was played out.
        var at = Enumerable.Range(0, lossless.Length / FrameSamples).First(f => !lossless.AsSpan(f * FrameSamples, FrameSamples).SequenceEqual(recovered.AsSpan(f * FrameSamples, FrameSamples)));
        var snr = SnrDb(lossless.AsSpan(at * FrameSamples, FrameSamples), recovered.AsSpan(at * FrameSamples, FrameSamples));
        output.WriteLine($"lost packet {Lost} played at frame {at}: {snr:F1} dB against the lossless playout");

        // Loss concealment alone extrapolates to about 3 dB here (OpusTests); the redundant copy is the real audio.
        Assert.True(snr >= 8, $"the rebuilt frame is {snr:F1} dB from the lossless one");
        Assert.Equal(1, LostCount);
    }

    private long LostCount { get; set; }

    private static List<byte[]> Encode(short[] input)
    {
        using var encoder = new OpusEncoder(16000) { Bitrate = 32000, InbandFec = true, PacketLossPercent = 20 };
        var packets = new List<byte[]>();
        var buffer = new byte[1275];
        for (var offset = 0; offset + FrameSamples <= input.Length; offset += FrameSamples)
        {
            packets.Add(buffer.AsSpan(0, encoder.Encode(input.AsSpan(offset, FrameSamples), buffer)).ToArray());
        }

        return packets;
    }

    /// <summary>Feeds one packet per 20 ms (skipping <paramref name="lost"/>) and plays out one frame per 20 ms.</summary>
    private short[] Play(List<byte[]> packets, int lost)
    {
        var time = new ManualTimeProvider();
        using var codec = new OpusCodec();
        var frames = Channel.CreateUnbounded<short[]>();
        var playout = new AudioPlayout(codec, Ptime, time, frames.Writer);
        for (var k = 0; k < packets.Count; k++)
        {
            if (k != lost) playout.Jitter.Insert(0x1234, (ushort)(1000 + k), (uint)(k * 960), k == 0, packets[k]);
            playout.Tick();
            time.Advance(TimeSpan.FromMilliseconds(Ptime));
        }

        LostCount = playout.Jitter.Statistics.Lost;
        var pcm = new List<short>();
        while (frames.Reader.TryRead(out var frame)) pcm.AddRange(frame);
        return [.. pcm];
    }
}
