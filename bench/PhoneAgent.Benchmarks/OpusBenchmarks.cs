using BenchmarkDotNet.Attributes;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Benchmarks;

/// <summary>
/// libopus on one 20 ms mono frame at 32 kb/s with in-band FEC, cycling through a second of voice so the
/// encoder and decoder run in steady state. Comparing 16 and 48 kHz shows what coding at the pipeline rate saves;
/// comparing complexity 5 with the libopus default of 9 shows what the encoder's effort costs.
/// </summary>
[MemoryDiagnoser]
public class OpusBenchmarks : IDisposable
{
    private OpusCodec? _codec;
    private short[] _voice = [];
    private byte[][] _packets = [];
    private readonly byte[] _payload = new byte[1275];
    private short[] _decoded = [];
    private int _frame;
    private int _next;

    /// <summary>The PCM rate given to libopus.</summary>
    [Params(16000, 48000)]
    public int SampleRate { get; set; }

    /// <summary>The encoder complexity (OPUS_SET_COMPLEXITY).</summary>
    [Params(5, 9)]
    public int Complexity { get; set; }

    /// <summary>Creates the codec and encodes the packets the decode benchmark replays.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _codec = new OpusCodec(new OpusCodecOptions(SampleRate: SampleRate, Complexity: Complexity));
        _voice = BenchmarkSignals.Voice(SampleRate);
        _frame = _codec.SamplesPerFrame(20);
        _decoded = new short[_frame];
        _packets = new byte[_voice.Length / _frame][];
        for (var k = 0; k < _packets.Length; k++)
        {
            var length = _codec.Encode(_voice.AsSpan(k * _frame, _frame), _payload);
            _packets[k] = _payload.AsSpan(0, length).ToArray();
        }
    }

    /// <summary>Frees the codec.</summary>
    [GlobalCleanup]
    public void Dispose() => _codec?.Dispose();

    /// <summary>PCM16 to one Opus packet.</summary>
    [Benchmark]
    public int Encode()
    {
        var k = Advance();
        return _codec!.Encode(_voice.AsSpan(k * _frame, _frame), _payload);
    }

    /// <summary>One Opus packet to PCM16.</summary>
    [Benchmark]
    public int Decode() => _codec!.Decode(_packets[Advance()], _decoded);

    private int Advance()
    {
        var k = _next;
        _next = (_next + 1) % _packets.Length;
        return k;
    }
}
