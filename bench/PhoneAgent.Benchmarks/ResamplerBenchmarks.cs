using BenchmarkDotNet.Attributes;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Benchmarks;

/// <summary>Streaming resampling of one 20 ms frame, the way the media engine feeds the pipeline.</summary>
[MemoryDiagnoser]
public class ResamplerBenchmarks
{
    private const int Calls = 500;

    private readonly PcmResampler _up8To16 = new(8000, 16000);
    private readonly PcmResampler _down16To8 = new(16000, 8000);
    private readonly PcmResampler _down48To16 = new(48000, 16000);
    private readonly PcmResampler _up16To48 = new(16000, 48000);
    private readonly short[] _at8k = BenchmarkSignals.Voice(8000).AsSpan(0, 160).ToArray();
    private readonly short[] _at16k = BenchmarkSignals.Voice(16000).AsSpan(0, 320).ToArray();
    private readonly short[] _at48k = BenchmarkSignals.Voice(48000).AsSpan(0, 960).ToArray();
    private readonly short[] _output = new short[960];

    // The media clock runs hundreds of calls' resamplers in turn, so each call's state is cold in the cache.
    private readonly (PcmResampler Up, PcmResampler Down)[] _calls = Enumerable.Range(0, Calls).Select(_ => (new PcmResampler(8000, 16000), new PcmResampler(16000, 8000))).ToArray();

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

    /// <summary>One 20 ms frame each way (8 to 16 kHz and back) for each of 500 calls in turn, per call: a G.711 call's resampling on a busy media clock.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public int FiveHundredCallsBothWays()
    {
        var produced = 0;
        foreach (var (up, down) in _calls)
        {
            produced += up.Process(_at8k, _output);
            produced += down.Process(_at16k, _output);
        }

        return produced;
    }
}
