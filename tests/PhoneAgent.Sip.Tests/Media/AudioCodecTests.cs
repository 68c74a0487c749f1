using PhoneAgent.Sip.Media.Codecs;
using static PhoneAgent.Sip.Tests.Media.AudioSignals;

namespace PhoneAgent.Sip.Tests.Media;

public class AudioCodecTests
{
    [Theory]
    [InlineData("PCMU", "PCMU", 8000, 8000, 160)]
    [InlineData("pcmu", "PCMU", 8000, 8000, 160)]
    [InlineData("PCMA", "PCMA", 8000, 8000, 160)]
    [InlineData("opus", "opus", 48000, 16000, 320)]
    [InlineData("OPUS", "opus", 48000, 16000, 320)]
    public void The_factory_maps_SDP_names_to_codecs_and_their_rates(string sdpName, string name, int clockRate, int sampleRate, int samplesPer20Ms)
    {
        Assert.True(AudioCodecFactory.IsSupported(sdpName));
        using var codec = AudioCodecFactory.Create(sdpName);

        Assert.Equal(name, codec.Name);
        Assert.Equal(clockRate, codec.ClockRate);
        Assert.Equal(sampleRate, codec.SampleRate);
        Assert.Equal(samplesPer20Ms, codec.SamplesPerFrame(20));
    }

    [Fact]
    public void Opus_options_choose_the_PCM_rate_and_the_encoder_settings()
    {
        using var codec = (OpusCodec)AudioCodecFactory.Create("opus", new OpusCodecOptions(SampleRate: 48000, Bitrate: 24000, PacketLossPercent: 5));

        Assert.Equal(48000, codec.SampleRate);
        Assert.Equal(960, codec.SamplesPerFrame(20));
        Assert.Equal(24000, codec.Encoder.Bitrate);
        Assert.True(codec.Encoder.InbandFec);
        Assert.Equal(5, codec.Encoder.PacketLossPercent);
    }

    [Theory]
    [InlineData("G722")]
    [InlineData("telephone-event")]
    [InlineData("")]
    public void Unknown_names_are_not_supported(string sdpName)
    {
        Assert.False(AudioCodecFactory.IsSupported(sdpName));
        Assert.Throws<NotSupportedException>(() => AudioCodecFactory.Create(sdpName));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(5)]
    public void Opus_refuses_a_ptime_it_cannot_frame(int ptime)
    {
        using var codec = AudioCodecFactory.Create("opus");

        Assert.Throws<ArgumentOutOfRangeException>(() => codec.SamplesPerFrame(ptime));
    }

    [Theory]
    [InlineData("PCMU")]
    [InlineData("PCMA")]
    [InlineData("opus")]
    public void Every_codec_round_trips_a_20_ms_frame_through_its_interface(string sdpName)
    {
        using var codec = AudioCodecFactory.Create(sdpName);
        var frame = codec.SamplesPerFrame(20);
        var payload = new byte[codec.MaxPayloadSize(20)];
        var pcm = new short[frame];

        var length = codec.Encode(Voice(codec.SampleRate, frame), payload);

        Assert.Equal(frame, codec.GetDecodedLength(payload.AsSpan(0, length)));
        Assert.Equal(frame, codec.Decode(payload.AsSpan(0, length), pcm));
        Assert.Equal(frame, codec.Conceal(pcm));
    }

    [Fact]
    public void G711_encodes_one_byte_per_sample_with_the_law_it_names()
    {
        using var pcmu = new G711Codec(G711Law.MuLaw);
        using var pcma = new G711Codec(G711Law.ALaw);
        var payload = new byte[160];

        Assert.Equal(160, pcmu.Encode(new short[160], payload));
        Assert.All(payload, b => Assert.Equal(0xFF, b));
        Assert.Equal(160, pcma.Encode(new short[160], payload));
        Assert.All(payload, b => Assert.Equal(0xD5, b));
    }

    [Fact]
    public void G711_concealment_repeats_the_last_frame_then_fades_to_silence_by_60_ms()
    {
        using var codec = new G711Codec(G711Law.MuLaw);
        var tone = Tone(400, 8000, 160, amplitude: 8000);
        var payload = new byte[160];
        var decoded = new short[160];
        codec.Decode(payload.AsSpan(0, codec.Encode(tone, payload)), decoded);

        var lost = new short[480];
        for (var k = 0; k < 3; k++) codec.Conceal(lost.AsSpan(k * 160, 160));

        // The first 10 ms repeat the last frame as is; then the level falls 20 % per 10 ms, reaching 1/400 at the last sample.
        Assert.Equal(decoded.AsSpan(0, 80).ToArray(), lost.AsSpan(0, 80).ToArray());
        Assert.True(Rms(lost.AsSpan(160, 80)) < Rms(lost.AsSpan(0, 80)));
        Assert.True(Rms(lost.AsSpan(320, 80)) < Rms(lost.AsSpan(160, 80)));
        Assert.InRange(Math.Abs((int)lost[^1]), 0, (8000 / 400) + 1);

        var more = new short[160];
        codec.Conceal(more);
        Assert.All(more, s => Assert.Equal(0, s));
    }

    [Fact]
    public void G711_concealment_starts_over_after_a_good_frame_and_is_silent_before_any()
    {
        using var codec = new G711Codec(G711Law.ALaw);
        var silence = new short[160];
        Assert.Equal(160, codec.Conceal(silence));
        Assert.All(silence, s => Assert.Equal(0, s));

        var payload = new byte[160];
        var decoded = new short[160];
        codec.Encode(Tone(400, 8000, 160, amplitude: 8000), payload);
        codec.Decode(payload, decoded);
        codec.Conceal(new short[480]);
        codec.Decode(payload, decoded);

        var lost = new short[160];
        codec.Conceal(lost);
        Assert.Equal(decoded.AsSpan(0, 80).ToArray(), lost.AsSpan(0, 80).ToArray());
    }

    [Fact]
    public void Opus_concealment_uses_FEC_when_the_next_payload_is_given()
    {
        using var codec = AudioCodecFactory.Create("opus");
        var payload = new byte[codec.MaxPayloadSize(20)];
        var pcm = new short[320];
        var voice = Voice(16000, 3200);
        for (var offset = 0; offset < voice.Length; offset += 320)
        {
            codec.Decode(payload.AsSpan(0, codec.Encode(voice.AsSpan(offset, 320), payload)), pcm);
        }

        var next = payload.AsSpan(0, codec.Encode(voice.AsSpan(0, 320), payload));

        Assert.Equal(320, codec.Conceal(pcm, next));
        Assert.Equal(320, codec.Decode(next, pcm));
    }

    [Fact]
    public void Disposing_a_codec_twice_is_harmless()
    {
        var codec = AudioCodecFactory.Create("opus");
        codec.Dispose();
        codec.Dispose();

        Assert.Throws<ObjectDisposedException>(() => codec.Encode(new short[320], new byte[1275]));
    }
}
