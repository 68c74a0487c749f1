using System.Numerics;

namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// G.711 A-law (ITU-T G.711 §3, Tables 1a/1b), the PCMA payload of RFC 3551 §4.5.14, between 16-bit linear PCM
/// and 8-bit codes. Stateless and allocation-free; safe to call from any thread.
/// </summary>
/// <remarks>
/// G.711 defines A-law on a 13-bit uniform scale (overload at ±4096). A 16-bit sample is first rounded to the
/// nearest 13-bit value: G.711 leaves that step to the implementation, and rounding (rather than truncating)
/// halves the requantisation error and matches what sox produces. A-law has no zero code, so a negative 13-bit
/// value v has magnitude -v - 1, which keeps the decision levels symmetric about -1/2. Decoded values are the
/// G.711 decoder outputs scaled by 8, so a decode followed by an encode returns the same code.
/// </remarks>
public static class ALaw
{
    /// <summary>The largest 13-bit magnitude; +4096 is where rounding overshoots the scale.</summary>
    private const int MaxMagnitude = 4095;

    /// <summary>G.711 §3 (Table 1b note): the even bits of every A-law character are inverted on the line.</summary>
    private const int EvenBitInversion = 0x55;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes one sample.</summary>
    public static byte Encode(short sample)
    {
        var value = (sample + 4) >> 3;

        // One's complement of a negative value is -v - 1; the sign bit is 1 for positive values.
        var negative = value >> 31;
        var magnitude = Math.Min(value ^ negative, MaxMagnitude);

        // Segments 0 and 1 both have steps of 2 (Table 1a: 0..31 and 32..63); above that each segment doubles.
        // Log2 of magnitude | 1 is 0..11, so segment = top bit - 4 for magnitudes of 32 and more, else 0.
        var segment = Math.Max(BitOperations.Log2((uint)magnitude | 1) - 4, 0);
        var step = (magnitude >> Math.Max(segment, 1)) & 0x0F;

        return (byte)(((~negative & 0x80) | (segment << 4) | step) ^ EvenBitInversion);
    }

    /// <summary>Decodes one code to 16-bit linear PCM.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="codes"/>, one byte per sample.</summary>
    /// <returns>The number of bytes written, which is <c>pcm.Length</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="codes"/> is shorter than <paramref name="pcm"/>.</exception>
    public static int Encode(ReadOnlySpan<short> pcm, Span<byte> codes)
    {
        if (codes.Length < pcm.Length) throw new ArgumentException($"A-law output needs {pcm.Length} bytes but has {codes.Length}", nameof(codes));
        codes = codes[..pcm.Length];
        for (var i = 0; i < codes.Length; i++) codes[i] = Encode(pcm[i]);
        return pcm.Length;
    }

    /// <summary>Decodes <paramref name="codes"/> into <paramref name="pcm"/>, one sample per byte.</summary>
    /// <returns>The number of samples written, which is <c>codes.Length</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is shorter than <paramref name="codes"/>.</exception>
    public static int Decode(ReadOnlySpan<byte> codes, Span<short> pcm)
    {
        if (pcm.Length < codes.Length) throw new ArgumentException($"A-law output needs {codes.Length} samples but has {pcm.Length}", nameof(pcm));
        pcm = pcm[..codes.Length];
        var table = DecodeTable;
        for (var i = 0; i < pcm.Length; i++) pcm[i] = table[codes[i]];
        return codes.Length;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            var bits = code ^ EvenBitInversion;
            var segment = (bits >> 4) & 0x07;
            var step = bits & 0x0F;

            // G.711 Table 1a: the decoder output is the middle of the step: 2 * step + 1 in segment 0,
            // (2 * step + 33) << (segment - 1) above it.
            var magnitude = segment == 0 ? (2 * step) + 1 : ((2 * step) + 33) << (segment - 1);
            table[code] = (short)((bits & 0x80) != 0 ? 8 * magnitude : -8 * magnitude);
        }

        return table;
    }
}
