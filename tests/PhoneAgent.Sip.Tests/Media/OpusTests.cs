using PhoneAgent.Sip.Media.Codecs;
using Xunit.Abstractions;
using static PhoneAgent.Sip.Tests.Media.AudioSignals;

namespace PhoneAgent.Sip.Tests.Media;

public class OpusTests(ITestOutputHelper output)
{
    // Opus is a perceptual codec: SILK shapes its noise under the speech spectrum instead of minimising the
    // waveform error, so sample-by-sample SNR says little about quality and even good coding stays in the low
    // teens of dB. 10 dB at 32 kb/s, after aligning for the look-ahead, still proves the waveform survived intact:
    // a wrong frame size, channel count, byte order or delay drops the SNR to 0 dB or below.
    private const double MinimumSnrDb = 10;

    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    public void A_voice_signal_survives_a_round_trip_at_32_kbps(int sampleRate)
    {
        using var encoder = new OpusEncoder(sampleRate) { Bitrate = 32000 };
        using var decoder = new OpusDecoder(sampleRate);
        var frame = sampleRate / 50;
        var input = Voice(sampleRate, sampleRate * 2);
        var decoded = new short[input.Length];
        var packet = new byte[1275];

        for (var offset = 0; offset < input.Length; offset += frame)
        {
            var length = encoder.Encode(input.AsSpan(offset, frame), packet);
            Assert.InRange(length, 2, 120);
            Assert.Equal(frame, decoder.Decode(packet.AsSpan(0, length), decoded.AsSpan(offset, frame)));
        }

        // Skip the first half second while the encoder's rate control and SILK's predictors settle.
        var lag = BestLag(input.AsSpan(sampleRate / 2, sampleRate), decoded.AsSpan(sampleRate / 2), 2 * encoder.Lookahead);
        var snr = SnrDb(input.AsSpan(sampleRate / 2, sampleRate), decoded.AsSpan((sampleRate / 2) + lag, sampleRate));
        output.WriteLine($"{sampleRate} Hz: look-ahead {encoder.Lookahead}, best lag {lag}, SNR {snr:F1} dB");

        Assert.InRange(lag, encoder.Lookahead - (sampleRate / 4000), encoder.Lookahead + (sampleRate / 4000));
        Assert.True(snr >= MinimumSnrDb, $"SNR {snr:F1} dB");
    }

    [Fact]
    public void The_VoIP_encoder_looks_ahead_6_5_ms()
    {
        using var at16k = new OpusEncoder(16000);
        using var at48k = new OpusEncoder(48000);

        Assert.Equal(104, at16k.Lookahead);
        Assert.Equal(312, at48k.Lookahead);
    }

    [Fact]
    public void Settings_round_trip_through_the_ctl_requests()
    {
        using var encoder = new OpusEncoder(16000);

        encoder.Bitrate = 24000;
        encoder.InbandFec = true;
        encoder.PacketLossPercent = 15;
        encoder.Complexity = 5;

        Assert.Equal(24000, encoder.Bitrate);
        Assert.True(encoder.InbandFec);
        Assert.Equal(15, encoder.PacketLossPercent);
        Assert.Equal(5, encoder.Complexity);
    }

    [Fact]
    public void An_out_of_range_setting_is_a_typed_error()
    {
        using var encoder = new OpusEncoder(16000);

        var error = Assert.Throws<OpusException>(() => encoder.PacketLossPercent = 101);

        Assert.Equal(OpusError.BadArgument, error.Error);
        Assert.Equal(-1, error.Code);
        Assert.Contains("OPUS_BAD_ARG", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16000, 320)]
    [InlineData(16000, 160)]
    [InlineData(48000, 960)]
    [InlineData(8000, 480)]
    public void Concealment_produces_exactly_the_lost_duration(int sampleRate, int samples)
    {
        using var decoder = new OpusDecoder(sampleRate);
        var pcm = new short[samples];

        Assert.Equal(samples, decoder.Conceal(pcm));
    }

    [Fact]
    public void Concealment_after_speech_continues_the_signal()
    {
        using var encoder = new OpusEncoder(16000) { Bitrate = 32000 };
        using var decoder = new OpusDecoder(16000);
        var input = Voice(16000, 16000);
        var packet = new byte[1275];
        var pcm = new short[320];
        for (var offset = 0; offset < input.Length; offset += 320)
        {
            decoder.Decode(packet.AsSpan(0, encoder.Encode(input.AsSpan(offset, 320), packet)), pcm);
        }

        Assert.Equal(320, decoder.Conceal(pcm));

        Assert.True(Rms(pcm) > 100, $"concealment RMS {Rms(pcm):F0}");
    }

    [Fact]
    public void In_band_FEC_rebuilds_a_lost_frame_from_the_next_packet()
    {
        using var encoder = new OpusEncoder(16000) { Bitrate = 32000, InbandFec = true, PacketLossPercent = 20 };
        var input = Voice(16000, 16000);
        var packets = new List<byte[]>();
        var buffer = new byte[1275];
        for (var offset = 0; offset < input.Length; offset += 320)
        {
            packets.Add(buffer.AsSpan(0, encoder.Encode(input.AsSpan(offset, 320), buffer)).ToArray());
        }

        // Frame 28 sits near a peak of the 4 Hz envelope; SILK sends no redundancy for frames its voice activity
        // detector rates as quiet (near the envelope's troughs), and there FEC falls back to PLC.
        const int Lost = 28;
        var withFec = DecodeWithLoss(packets, Lost, (decoder, next, pcm) => decoder.DecodeFec(next, pcm));
        var withPlc = DecodeWithLoss(packets, Lost, (decoder, _, pcm) => decoder.Conceal(pcm));

        var lost = input.AsSpan((Lost * 320) - encoder.Lookahead, 320);
        var fecSnr = SnrDb(lost, withFec.AsSpan(Lost * 320, 320));
        var plcSnr = SnrDb(lost, withPlc.AsSpan(Lost * 320, 320));
        output.WriteLine($"lost frame: FEC SNR {fecSnr:F1} dB, PLC SNR {plcSnr:F1} dB");

        // The redundant copy is coded coarsely, but it is the real audio, so it must beat extrapolation clearly
        // (measured: 13.8 dB against 3.1 dB).
        Assert.True(fecSnr >= 8 && fecSnr >= plcSnr + 6, $"FEC SNR {fecSnr:F1} dB, PLC SNR {plcSnr:F1} dB");
    }

    private static short[] DecodeWithLoss(List<byte[]> packets, int lost, Func<OpusDecoder, byte[], Span<short>, int> recover)
    {
        using var decoder = new OpusDecoder(16000);
        var decoded = new short[packets.Count * 320];
        for (var k = 0; k < packets.Count; k++)
        {
            var target = decoded.AsSpan(k * 320, 320);
            Assert.Equal(320, k == lost ? recover(decoder, packets[k + 1], target) : decoder.Decode(packets[k], target));
        }

        return decoded;
    }

    [Theory]
    [InlineData(new byte[] { 0x03 })]
    [InlineData(new byte[] { 0x03, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x01, 0xFC })]
    public void An_invalid_packet_is_an_OpusException(byte[] packet)
    {
        using var decoder = new OpusDecoder(16000);

        var error = Assert.Throws<OpusException>(() => decoder.Decode(packet, new short[decoder.MaxPacketSamples]));

        Assert.Equal(OpusError.InvalidPacket, error.Error);
    }

    [Fact]
    public void An_empty_payload_is_an_invalid_packet_not_a_silent_concealment()
    {
        using var decoder = new OpusDecoder(16000);

        Assert.Equal(OpusError.InvalidPacket, Assert.Throws<OpusException>(() => decoder.Decode([], new short[320])).Error);
    }

    [Fact]
    public void Too_small_an_output_is_an_OpusException()
    {
        using var encoder = new OpusEncoder(16000);
        using var decoder = new OpusDecoder(16000);
        var packet = new byte[1275];
        var length = encoder.Encode(Voice(16000, 320), packet);

        var error = Assert.Throws<OpusException>(() => decoder.Decode(packet.AsSpan(0, length), new short[160]));

        Assert.Equal(OpusError.BufferTooSmall, error.Error);
        Assert.Equal(320, decoder.GetSampleCount(packet.AsSpan(0, length)));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(321)]
    public void A_frame_that_is_not_an_Opus_duration_is_a_bad_argument(int samples)
    {
        using var encoder = new OpusEncoder(16000);

        Assert.Equal(OpusError.BadArgument, Assert.Throws<OpusException>(() => encoder.Encode(new short[samples], new byte[1275])).Error);
    }

    [Fact]
    public void Concealing_a_duration_that_is_not_a_multiple_of_2_5_ms_is_a_bad_argument()
    {
        using var decoder = new OpusDecoder(16000);

        Assert.Equal(OpusError.BadArgument, Assert.Throws<OpusException>(() => decoder.Conceal(new short[100])).Error);
    }

    [Theory]
    [InlineData(44100, 1)]
    [InlineData(16000, 3)]
    public void An_unsupported_rate_or_channel_count_fails_creation(int sampleRate, int channels)
    {
        Assert.Equal(OpusError.BadArgument, Assert.Throws<OpusException>(() => new OpusEncoder(sampleRate, channels)).Error);
        Assert.Equal(OpusError.BadArgument, Assert.Throws<OpusException>(() => new OpusDecoder(sampleRate, channels)).Error);
    }

    [Fact]
    public void A_mono_decoder_downmixes_a_stereo_packet()
    {
        using var stereo = new OpusEncoder(48000, channels: 2);
        using var decoder = new OpusDecoder(48000);
        var packet = new byte[1275];
        var length = stereo.Encode(new short[2 * 960], packet);

        Assert.Equal(960, decoder.Decode(packet.AsSpan(0, length), new short[960]));
    }

    [Fact]
    public void Disposal_is_idempotent_and_later_calls_throw_ObjectDisposedException()
    {
        var encoder = new OpusEncoder(16000);
        var decoder = new OpusDecoder(16000);

        encoder.Dispose();
        encoder.Dispose();
        decoder.Dispose();
        decoder.Dispose();

        Assert.Throws<ObjectDisposedException>(() => encoder.Encode(new short[320], new byte[1275]));
        Assert.Throws<ObjectDisposedException>(() => encoder.Bitrate);
        Assert.Throws<ObjectDisposedException>(() => decoder.Conceal(new short[320]));
    }
}
