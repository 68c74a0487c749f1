using System.Numerics;

namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>
/// G.711 µ-law (ITU-T G.711 §2, Tables 2a/2b), the PCMU payload of RFC 3551 §4.5.14, between 16-bit linear PCM
/// and 8-bit codes. Stateless and allocation-free; safe to call from any thread.
/// </summary>
/// <remarks>
/// G.711 defines µ-law on a 14-bit uniform scale (overload at ±8159). A 16-bit sample is first rounded to the
/// nearest 14-bit value: G.711 leaves that step to the implementation, and rounding (rather than truncating)
/// halves the requantisation error and matches what sox produces. Decoded values are the G.711 decoder outputs
/// scaled by 4, so a decode followed by an encode returns the same code.
/// </remarks>
public static class MuLaw
{
    /// <summary>The largest 14-bit magnitude that still lands in the top segment; 8159 plus the bias of 33 would overflow it.</summary>
    private const int MaxMagnitude = 8158;

    /// <summary>The bias that makes every segment start on a power of two (G.711 Table 2a: segment ends 31, 95, 223, ..., 8159 are 2^(n+5) - 33).</summary>
    private const int Bias = 33;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>Encodes one sample.</summary>
    public static byte Encode(short sample)
    {
        var value = (sample + 2) >> 2;

        // Zero counts as positive; the sign bit is set for negative values until the final inversion flips it.
        var negative = value >> 31;
        var magnitude = Math.Min((value ^ negative) - negative, MaxMagnitude) + Bias;

        // With the bias the magnitude lies in [33, 8191], so its top bit (5..12) names the segment directly.
        var segment = BitOperations.Log2((uint)magnitude) - 5;
        var step = (magnitude >> (segment + 1)) & 0x0F;

        // G.711 Table 2b: µ-law characters are sent with every bit inverted.
        return (byte)~((negative & 0x80) | (segment << 4) | step);
    }

    /// <summary>Decodes one code to 16-bit linear PCM.</summary>
    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="codes"/>, one byte per sample.</summary>
    /// <returns>The number of bytes written, which is <c>pcm.Length</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="codes"/> is shorter than <paramref name="pcm"/>.</exception>
    public static int Encode(ReadOnlySpan<short> pcm, Span<byte> codes)
    {
        if (codes.Length < pcm.Length) throw new ArgumentException($"µ-law output needs {pcm.Length} bytes but has {codes.Length}", nameof(codes));
        codes = codes[..pcm.Length];
        for (var i = 0; i < codes.Length; i++) codes[i] = Encode(pcm[i]);
        return pcm.Length;
    }

    /// <summary>Decodes <paramref name="codes"/> into <paramref name="pcm"/>, one sample per byte.</summary>
    /// <returns>The number of samples written, which is <c>codes.Length</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="pcm"/> is shorter than <paramref name="codes"/>.</exception>
    public static int Decode(ReadOnlySpan<byte> codes, Span<short> pcm)
    {
        if (pcm.Length < codes.Length) throw new ArgumentException($"µ-law output needs {codes.Length} samples but has {pcm.Length}", nameof(pcm));
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
            var bits = ~code & 0xFF;
            var segment = (bits >> 4) & 0x07;
            var step = bits & 0x0F;

            // G.711 Table 2a: the decoder output is the middle of the step, ((2 * step + 33) << segment) - 33.
            var magnitude = (((2 * step) + Bias) << segment) - Bias;
            table[code] = (short)((bits & 0x80) != 0 ? -4 * magnitude : 4 * magnitude);
        }

        return table;
    }
}
