using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Sip.Tests.Media;

public class G711Tests
{
    private static short[] AllSamples()
    {
        var samples = new short[65536];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(i + short.MinValue);
        return samples;
    }

    private static byte[] AllCodes()
    {
        var codes = new byte[256];
        for (var i = 0; i < codes.Length; i++) codes[i] = (byte)i;
        return codes;
    }

    [Fact]
    public void MuLaw_encodes_every_16_bit_sample_as_sox_does()
    {
        var samples = AllSamples();
        var expected = SoxReference.Encode(samples, "mu-law");
        var actual = new byte[samples.Length];

        Assert.Equal(samples.Length, MuLaw.Encode(samples, actual));

        AssertSameBytes(expected, actual, samples);
    }

    [Fact]
    public void ALaw_encodes_every_16_bit_sample_as_sox_does()
    {
        var samples = AllSamples();
        var expected = SoxReference.Encode(samples, "a-law");
        var actual = new byte[samples.Length];

        Assert.Equal(samples.Length, ALaw.Encode(samples, actual));

        AssertSameBytes(expected, actual, samples);
    }

    [Fact]
    public void MuLaw_decodes_every_code_as_sox_does()
    {
        var codes = AllCodes();
        var expected = SoxReference.Decode(codes, "mu-law");
        var actual = new short[256];

        Assert.Equal(256, MuLaw.Decode(codes, actual));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ALaw_decodes_every_code_as_sox_does()
    {
        var codes = AllCodes();
        var expected = SoxReference.Decode(codes, "a-law");
        var actual = new short[256];

        Assert.Equal(256, ALaw.Decode(codes, actual));

        Assert.Equal(expected, actual);
    }

    // G.711 Table 2a/2b, decoder outputs on the 14-bit scale, times 4 here (characters are sent inverted):
    // 0x80/0x00 are ±8031, the top of the last segment; 0xFF/0x7F are +0/-0; the first segment climbs by 2
    // (0xFE = 2, 0xF0 = 30), the second starts at 33 (0xEF, 0x6F) and the third at 99 (0xDF).
    [Theory]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0xFE, 8)]
    [InlineData(0xF0, 120)]
    [InlineData(0xEF, 132)]
    [InlineData(0x6F, -132)]
    [InlineData(0xDF, 396)]
    public void MuLaw_decodes_ITU_table_values(int code, short linear) => Assert.Equal(linear, MuLaw.Decode((byte)code));

    // G.711 Table 1a/1b, decoder outputs on the 13-bit scale, times 8 here (even bits are sent inverted):
    // 0xD5/0x55 are ±1, the smallest; 0xAA/0x2A are ±4032, the largest; the first segment ends at 31 (0xDA)
    // and the second starts at 33 (0xC5).
    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    [InlineData(0xC5, 264)]
    [InlineData(0xDA, 248)]
    public void ALaw_decodes_ITU_table_values(int code, short linear) => Assert.Equal(linear, ALaw.Decode((byte)code));

    // 16-bit inputs either side of G.711 decision values: µ-law decision value 31 (124 here) between the first
    // and second segments, and overload beyond 8159; A-law decision value 32 (256 here) between the first and
    // second segments, and overload beyond 4096. Small negatives round to zero, which µ-law codes as +0.
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0xFF)]
    [InlineData(121, 0xF0)]
    [InlineData(126, 0xEF)]
    [InlineData(-126, 0x6F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    public void MuLaw_encodes_around_ITU_decision_values(short linear, int code) => Assert.Equal((byte)code, MuLaw.Encode(linear));

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-5, 0x55)]
    [InlineData(-3, 0xD5)]
    [InlineData(251, 0xDA)]
    [InlineData(260, 0xC5)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    public void ALaw_encodes_around_ITU_decision_values(short linear, int code) => Assert.Equal((byte)code, ALaw.Encode(linear));

    [Fact]
    public void Encoding_a_decoded_value_returns_the_code()
    {
        for (var code = 0; code < 256; code++)
        {
            // µ-law has two zeros; -0 (0x7F) decodes to 0, which encodes as +0 (0xFF).
            var expectedMu = code == 0x7F ? 0xFF : code;
            Assert.Equal((byte)expectedMu, MuLaw.Encode(MuLaw.Decode((byte)code)));
            Assert.Equal((byte)code, ALaw.Encode(ALaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void Span_APIs_reject_short_outputs()
    {
        Assert.Throws<ArgumentException>(() => MuLaw.Encode(new short[160], new byte[159]));
        Assert.Throws<ArgumentException>(() => ALaw.Encode(new short[160], new byte[159]));
        Assert.Throws<ArgumentException>(() => MuLaw.Decode(new byte[160], new short[159]));
        Assert.Throws<ArgumentException>(() => ALaw.Decode(new byte[160], new short[159]));
    }

    [Fact]
    public void Span_APIs_write_only_the_input_length()
    {
        var codes = new byte[4] { 0xAA, 0xAA, 0xAA, 0xAA };
        Assert.Equal(2, ALaw.Encode(new short[2], codes));
        Assert.Equal(new byte[] { 0xD5, 0xD5, 0xAA, 0xAA }, codes);
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual, short[] samples)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] != actual[i]) Assert.Fail($"sample {samples[i]}: sox gives 0x{expected[i]:X2}, we give 0x{actual[i]:X2}");
        }
    }
}
