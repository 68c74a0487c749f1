using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Audio;

/// <summary>
/// A streaming polyphase windowed-sinc resampler for mono audio between rates whose ratio reduces to L/M with
/// L and M at most 1024: the telephony rates (8, 16, 24, 32 and 48 kHz, small factors) and the CD family to or
/// from them (22 050 Hz to 16 kHz is 320/441). It keeps its filter history between calls, so a stream fed frame
/// by frame produces exactly the samples it would produce in one call.
/// </summary>
/// <remarks>
/// <para>
/// Conceptually the input is upsampled by L (zero stuffing), low-pass filtered at the lower of the two Nyquist
/// frequencies and decimated by M; the polyphase form computes only the outputs that are kept and skips the
/// zero products. Each output costs about 90 × max(1, input rate / output rate) multiply-adds whatever L and M
/// are; only the coefficient table (about 90 × max(L, M) floats, 40 000 for 320/441) grows with the factors, and
/// it is designed once per rate pair and shared. The filter passes up to 87.5 % of the lower Nyquist frequency (7 kHz between 16 and 48 kHz,
/// 3.5 kHz to or from 8 kHz) flat to within 0.001 dB and rejects everything at and above that Nyquist frequency
/// by about 90 dB, so neither aliases nor images survive above the 16-bit noise floor.
/// </para>
/// <para>
/// One instance carries one stream's state and must not be used from two threads at once. Processing
/// allocates nothing, except each thread's scratch the first time it runs any resampler.
/// </para>
/// </remarks>
internal sealed class PcmResampler
{
    // Bounds the shared coefficient table (about 90 × max(L, M) floats) for rate pairs nobody uses.
    private const int MaxFactor = 1024;
    private const double PassbandFraction = 0.875;
    private const double StopbandAttenuationDb = 90;
    private const int ChunkCapacity = 2048;

    private readonly int _up;
    private readonly int _down;
    private readonly int _tapsPerPhase;
    private readonly float[] _coefficients;

    // The last _tapsPerPhase - 1 input samples, followed by the chunk being processed.
    private readonly float[] _work;

    // Scratch of the calling thread, shared by every instance it runs: the integer path's filtered outputs before
    // rounding, and the halving path's window split into even and odd samples. Neither outlives a chunk, so a media
    // clock thread running hundreds of calls' resamplers keeps one hot copy in cache instead of one per call
    // (docs/PERFORMANCE.md, media load).
    [ThreadStatic]
    private static float[]? t_output;

    [ThreadStatic]
    private static float[]? t_split;

    // Index, relative to the next input sample to arrive, of the newest sample the next output needs, and that
    // output's phase: its position on the L-times-upsampled grid is _next * L + _phase.
    private int _next;
    private int _phase;

    /// <summary>Creates a resampler from <paramref name="inputRate"/> to <paramref name="outputRate"/> Hz.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A rate is not positive, the rates are equal, or their ratio needs a factor above 1024.</exception>
    public PcmResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate) throw new ArgumentOutOfRangeException(nameof(outputRate), "Input and output rates are equal; no resampler is needed");
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        _up = outputRate / divisor;
        _down = inputRate / divisor;
        if (_up > MaxFactor || _down > MaxFactor)
        {
            throw new ArgumentOutOfRangeException(nameof(outputRate), $"{inputRate} Hz to {outputRate} Hz reduces to {_up}/{_down}; factors above {MaxFactor} are not supported");
        }

        InputRate = inputRate;
        OutputRate = outputRate;

        // Every call on a rate pair uses the same filter; designing it (Kaiser window, Bessel sums) costs far
        // more than a call's setup should, so the read-only coefficients are shared.
        var design = Designs.GetOrAdd((inputRate, outputRate), static key => Design(key.Input, key.Output));
        DelaySamples = design.DelaySamples;
        _tapsPerPhase = design.TapsPerPhase;
        _coefficients = design.Coefficients;

        _work = new float[_tapsPerPhase - 1 + ChunkCapacity];
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Input, int Output), FilterDesign> Designs = new();

    private sealed record FilterDesign(int DelaySamples, int TapsPerPhase, float[] Coefficients);

    private static FilterDesign Design(int inputRate, int outputRate)
    {
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        var up = outputRate / divisor;
        var down = inputRate / divisor;
        // Design on the upsampled grid (L * input rate), in cycles per sample of that grid.
        var grid = (double)inputRate * up;
        var nyquist = Math.Min(inputRate, outputRate) / 2.0;
        var passEdge = PassbandFraction * nyquist / grid;
        var stopEdge = nyquist / grid;
        var minimumLength = KaiserLowPass.Length(StopbandAttenuationDb, stopEdge - passEdge);

        // An odd length 2*M*c + 1 puts the centre tap c whole output samples after the newest input, so the
        // delay is an integer number of output samples and callers can align signals exactly.
        var delaySamples = (minimumLength - 1 + (2 * down) - 1) / (2 * down);
        var length = (2 * down * delaySamples) + 1;
        var prototype = KaiserLowPass.Design(length, (passEdge + stopEdge) / 2, KaiserLowPass.Beta(StopbandAttenuationDb));

        var lanes = Vector<float>.Count;
        var tapsPerPhase = (((length + up - 1) / up) + lanes - 1) / lanes * lanes;
        var coefficients = new float[up * tapsPerPhase];
        for (var phase = 0; phase < up; phase++)
        {
            // Phase p sees input x[i - j] through tap p + j*L; store it reversed so that one forward dot product
            // over the history window computes the output. Zero stuffing lowers the level by L, so gain is L.
            for (var j = 0; phase + (j * up) < length; j++)
            {
                coefficients[(phase * tapsPerPhase) + tapsPerPhase - 1 - j] = (float)(prototype[phase + (j * up)] * up);
            }
        }

        return new FilterDesign(delaySamples, tapsPerPhase, coefficients);
    }

    /// <summary>The input sample rate in Hz.</summary>
    public int InputRate { get; }

    /// <summary>The output sample rate in Hz.</summary>
    public int OutputRate { get; }

    /// <summary>
    /// The filter's group delay in output samples: an input event appears this many output samples later.
    /// It is 5.75 ms to or from 8 kHz (92 samples from 8 to 16 kHz) and 2.875 ms between 16 kHz and 22.05, 24 or 48 kHz.
    /// </summary>
    public int DelaySamples { get; }

    /// <summary>
    /// The exact number of samples the next <c>Process</c> call produces for <paramref name="inputLength"/> input
    /// samples. When the input length is a whole number of M-sample groups (any 10 ms frame between 8, 16, 24
    /// and 48 kHz) this is simply <c>inputLength * OutputRate / InputRate</c>.
    /// </summary>
    public int GetOutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        var remaining = ((long)inputLength * _up) - ((long)_next * _up) - _phase;
        return remaining <= 0 ? 0 : (int)((remaining + _down - 1) / _down);
    }

    /// <summary>Resamples 16-bit samples, rounding and saturating the output.</summary>
    /// <returns>The number of samples written, equal to <see cref="GetOutputLength"/> before the call.</returns>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="GetOutputLength"/>.</exception>
    public int Process(ReadOnlySpan<short> input, Span<short> output)
    {
        var total = GetOutputLength(input.Length);
        if (output.Length < total) throw OutputTooShort(input.Length, total, output.Length, nameof(output));
        var written = 0;
        while (!input.IsEmpty)
        {
            var chunk = Math.Min(input.Length, ChunkCapacity);
            var history = _tapsPerPhase - 1;
            ToFloat(input[..chunk], _work.AsSpan(history, chunk));
            var scratch = Scratch(ref t_output, MaxOutputs(ChunkCapacity));
            var produced = ProcessChunk(chunk, scratch);
            ToPcm(scratch.AsSpan(0, produced), output.Slice(written, produced));
            written += produced;
            input = input[chunk..];
        }

        return total;
    }

    /// <summary>Resamples floating-point samples; the filter is linear, so any scale works.</summary>
    /// <returns>The number of samples written, equal to <see cref="GetOutputLength"/> before the call.</returns>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <see cref="GetOutputLength"/>.</exception>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        var total = GetOutputLength(input.Length);
        if (output.Length < total) throw OutputTooShort(input.Length, total, output.Length, nameof(output));
        var written = 0;
        while (!input.IsEmpty)
        {
            var chunk = Math.Min(input.Length, ChunkCapacity);
            input[..chunk].CopyTo(_work.AsSpan(_tapsPerPhase - 1, chunk));
            written += ProcessChunk(chunk, output[written..]);
            input = input[chunk..];
        }

        return total;
    }

    /// <summary>Forgets the stream: clears the filter history, as at construction (for example after a barge-in flush).</summary>
    public void Reset()
    {
        Array.Clear(_work);
        _next = 0;
        _phase = 0;
    }

    // Widens a vector of shorts at a time; the scalar tail does the same conversion, which is exact either way.
    private static void ToFloat(ReadOnlySpan<short> input, Span<float> output)
    {
        var i = 0;
        for (; i + Vector<short>.Count <= input.Length; i += Vector<short>.Count)
        {
            Vector.Widen(new Vector<short>(input[i..]), out var low, out var high);
            Vector.ConvertToSingle(low).CopyTo(output[i..]);
            Vector.ConvertToSingle(high).CopyTo(output[(i + Vector<int>.Count)..]);
        }

        for (; i < input.Length; i++) output[i] = input[i];
    }

    // Rounds half to even, as MathF.Round does, and saturates; a vector at a time, then the same per sample.
    private static void ToPcm(ReadOnlySpan<float> input, Span<short> output)
    {
        var low = new Vector<float>(short.MinValue);
        var high = new Vector<float>(short.MaxValue);
        var i = 0;
        for (; i + Vector<short>.Count <= input.Length; i += Vector<short>.Count)
        {
            var first = Vector.ConvertToInt32(Vector.Clamp(Vector.Round(new Vector<float>(input[i..])), low, high));
            var second = Vector.ConvertToInt32(Vector.Clamp(Vector.Round(new Vector<float>(input[(i + Vector<int>.Count)..])), low, high));
            Vector.Narrow(first, second).CopyTo(output[i..]);
        }

        for (; i < input.Length; i++) output[i] = (short)Math.Clamp(MathF.Round(input[i]), short.MinValue, short.MaxValue);
    }

    private static ArgumentException OutputTooShort(int inputLength, int needed, int available, string parameter) =>
        new($"Resampling {inputLength} samples produces {needed} but the output holds {available}", parameter);

    private static float[] Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new float[length];
        return buffer;
    }

    private int MaxOutputs(int inputLength) => (int)((((long)inputLength * _up) + _down - 1) / _down);

    // Filters the chunk already copied after the history, then keeps the newest history for the next chunk.
    private int ProcessChunk(int chunk, Span<float> output)
    {
        var produced = (_up, _down) switch
        {
            (2, 1) => DoubleChunk(chunk, output),
            (1, 2) => HalveChunk(chunk, output),
            _ => PolyphaseChunk(chunk, output),
        };

        var history = _tapsPerPhase - 1;
        _work.AsSpan(chunk, history).CopyTo(_work);
        return produced;
    }

    // Any ratio: one dot product of a phase's taps with its window per output.
    private int PolyphaseChunk(int chunk, Span<float> output)
    {
        var produced = 0;
        var next = _next;
        var phase = _phase;
        while (next < chunk)
        {
            var window = new ReadOnlySpan<float>(_work, next, _tapsPerPhase);
            var taps = new ReadOnlySpan<float>(_coefficients, phase * _tapsPerPhase, _tapsPerPhase);
            output[produced++] = Dot(taps, window);

            phase += _down;
            while (phase >= _up)
            {
                phase -= _up;
                next++;
            }
        }

        _next = next - chunk;
        _phase = phase;
        return produced;
    }

    // 8 to 16 kHz (L = 2, M = 1): input position n yields two outputs, phase 0 then phase 1, both over the window
    // starting at n. Vectorised across positions rather than taps: each loaded window vector serves both phases
    // and two blocks of positions share each broadcast tap, about a quarter of the loads of a dot product per
    // output and no horizontal sum. Every output, vector lane or scalar, adds its products in tap order with
    // separate multiplies and adds, so the result does not depend on where chunks split the stream. A chunk always
    // ends after a position's second output, so every chunk starts at position 0, phase 0.
    private int DoubleChunk(int chunk, Span<float> output)
    {
        var taps = (nuint)_tapsPerPhase;
        var width = Vector<float>.Count;
        var produced = 0;
        var next = 0;
        ref var work = ref MemoryMarshal.GetArrayDataReference(_work);
        ref var phase0 = ref MemoryMarshal.GetArrayDataReference(_coefficients);
        ref var phase1 = ref Unsafe.Add(ref phase0, taps);
        Span<float> lanes = stackalloc float[4 * width];
        for (; next + (2 * width) <= chunk; next += 2 * width)
        {
            var a0 = Vector<float>.Zero;
            var a1 = Vector<float>.Zero;
            var b0 = Vector<float>.Zero;
            var b1 = Vector<float>.Zero;
            ref var window = ref Unsafe.Add(ref work, next);
            for (nuint i = 0; i < taps; i++)
            {
                var x = Vector.LoadUnsafe(ref window, i);
                var y = Vector.LoadUnsafe(ref window, i + (nuint)width);
                var t0 = new Vector<float>(Unsafe.Add(ref phase0, i));
                var t1 = new Vector<float>(Unsafe.Add(ref phase1, i));
                a0 += t0 * x;
                a1 += t1 * x;
                b0 += t0 * y;
                b1 += t1 * y;
            }

            a0.CopyTo(lanes);
            a1.CopyTo(lanes[width..]);
            b0.CopyTo(lanes[(2 * width)..]);
            b1.CopyTo(lanes[(3 * width)..]);
            var target = output.Slice(produced, 4 * width);
            for (var k = 0; k < width; k++)
            {
                target[2 * k] = lanes[k];
                target[(2 * k) + 1] = lanes[width + k];
                target[(2 * width) + (2 * k)] = lanes[(2 * width) + k];
                target[(2 * width) + (2 * k) + 1] = lanes[(3 * width) + k];
            }

            produced += 4 * width;
        }

        for (; next < chunk; next++)
        {
            output[produced++] = TapOrderDot(ref phase0, ref Unsafe.Add(ref work, next), taps);
            output[produced++] = TapOrderDot(ref phase1, ref Unsafe.Add(ref work, next), taps);
        }

        return produced;
    }

    // 16 to 8 kHz (L = 1, M = 2): output k's window starts two samples after output k - 1's. Split the work buffer
    // into its even and odd samples so that the windows of consecutive outputs are consecutive in each half; then,
    // as for doubling, vectorise across outputs in tap order (tap 2q reads the even half, tap 2q + 1 the odd).
    private int HalveChunk(int chunk, Span<float> output)
    {
        var taps = _tapsPerPhase;
        var width = Vector<float>.Count;
        var next = _next;
        var outputs = next < chunk ? (chunk - next + 1) / 2 : 0;
        var half = (_work.Length / 2) + width;
        ref var even = ref MemoryMarshal.GetArrayDataReference(Scratch(ref t_split, 2 * half));
        ref var odd = ref Unsafe.Add(ref even, half);
        ref var window = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_work), next);
        var available = taps - 1 + chunk - next;
        for (var m = 0; m < available / 2; m++)
        {
            Unsafe.Add(ref even, m) = Unsafe.Add(ref window, 2 * m);
            Unsafe.Add(ref odd, m) = Unsafe.Add(ref window, (2 * m) + 1);
        }

        if (available % 2 == 1) Unsafe.Add(ref even, available / 2) = Unsafe.Add(ref window, available - 1);
        ref var coefficients = ref MemoryMarshal.GetArrayDataReference(_coefficients);
        var pairs = (nuint)(taps / 2);
        var k = 0;
        for (; k + (2 * width) <= outputs; k += 2 * width)
        {
            var a = Vector<float>.Zero;
            var b = Vector<float>.Zero;
            ref var evenWindow = ref Unsafe.Add(ref even, k);
            ref var oddWindow = ref Unsafe.Add(ref odd, k);
            for (nuint q = 0; q < pairs; q++)
            {
                var te = new Vector<float>(Unsafe.Add(ref coefficients, 2 * q));
                var to = new Vector<float>(Unsafe.Add(ref coefficients, (2 * q) + 1));
                a += te * Vector.LoadUnsafe(ref evenWindow, q);
                b += te * Vector.LoadUnsafe(ref evenWindow, q + (nuint)width);
                a += to * Vector.LoadUnsafe(ref oddWindow, q);
                b += to * Vector.LoadUnsafe(ref oddWindow, q + (nuint)width);
            }

            a.CopyTo(output[k..]);
            b.CopyTo(output[(k + width)..]);
        }

        ref var work = ref MemoryMarshal.GetArrayDataReference(_work);
        for (; k < outputs; k++) output[k] = TapOrderDot(ref coefficients, ref Unsafe.Add(ref work, next + (2 * k)), (nuint)taps);

        _next = next + (2 * outputs) - chunk;
        return outputs;
    }

    // The products summed in tap order, one at a time: what each vector lane of the fast paths computes.
    private static float TapOrderDot(ref float taps, ref float window, nuint length)
    {
        var sum = 0f;
        for (nuint i = 0; i < length; i++) sum += Unsafe.Add(ref taps, i) * Unsafe.Add(ref window, i);
        return sum;
    }

    // Both spans have the same length, a multiple of the vector width (the taps are zero-padded to it).
    private static float Dot(ReadOnlySpan<float> taps, ReadOnlySpan<float> window)
    {
        var sum = Vector<float>.Zero;
        ref var t = ref MemoryMarshal.GetReference(taps);
        ref var w = ref MemoryMarshal.GetReference(window);
        for (nuint i = 0; i < (nuint)taps.Length; i += (nuint)Vector<float>.Count)
        {
            sum += Vector.LoadUnsafe(ref t, i) * Vector.LoadUnsafe(ref w, i);
        }

        return Vector.Sum(sum);
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
