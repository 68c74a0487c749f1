using BenchmarkDotNet.Attributes;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Benchmarks;

/// <summary>Streaming resampling of one 20 ms frame, the way the media engine feeds the pipeline.</summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private readonly PcmResampler _up8To16 = new(8000, 16000);
    private readonly PcmResampler _down16To8 = new(16000, 8000);
    private readonly PcmResampler _down48To16 = new(48000, 16000);
    private readonly PcmResampler _up16To48 = new(16000, 48000);
    private readonly short[] _at8k = BenchmarkSignals.Voice(8000).AsSpan(0, 160).ToArray();
    private readonly short[] _at16k = BenchmarkSignals.Voice(16000).AsSpan(0, 320).ToArray();
    private readonly short[] _at48k = BenchmarkSignals.Voice(48000).AsSpan(0, 960).ToArray();
    private readonly short[] _output = new short[960];

    /// <summary>8 kHz (G.711) to 16 kHz (pipeline): 160 samples in, 320 out.</summary>
    [Benchmark]
    public int Upsample8To16() => _up8To16.Process(_at8k, _output);

    /// <summary>16 kHz (pipeline) to 8 kHz (G.711): 320 samples in, 160 out.</summary>
    [Benchmark]
    public int Downsample16To8() => _down16To8.Process(_at16k, _output);

    /// <summary>48 kHz to 16 kHz: 960 samples in, 320 out.</summary>
    [Benchmark]
    public int Downsample48To16() => _down48To16.Process(_at48k, _output);

    /// <summary>16 kHz to 48 kHz: 320 samples in, 960 out.</summary>
    [Benchmark]
    public int Upsample16To48() => _up16To48.Process(_at16k, _output);
}
