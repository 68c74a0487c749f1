using BenchmarkDotNet.Attributes;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Benchmarks;

/// <summary>G.711 on one 20 ms frame at 8 kHz (160 samples), the PCMU/PCMA payload of one RTP packet.</summary>
[MemoryDiagnoser]
public class G711Benchmarks
{
    private readonly short[] _pcm = BenchmarkSignals.Voice(8000).AsSpan(0, 160).ToArray();
    private readonly byte[] _muLaw = new byte[160];
    private readonly byte[] _aLaw = new byte[160];
    private readonly short[] _decoded = new short[160];

    /// <summary>Prepares the encoded frames the decode benchmarks read.</summary>
    [GlobalSetup]
    public void Setup()
    {
        MuLaw.Encode(_pcm, _muLaw);
        ALaw.Encode(_pcm, _aLaw);
    }

    /// <summary>PCM16 to µ-law.</summary>
    [Benchmark]
    public int MuLawEncode() => MuLaw.Encode(_pcm, _muLaw);

    /// <summary>µ-law to PCM16.</summary>
    [Benchmark]
    public int MuLawDecode() => MuLaw.Decode(_muLaw, _decoded);

    /// <summary>PCM16 to A-law.</summary>
    [Benchmark]
    public int ALawEncode() => ALaw.Encode(_pcm, _aLaw);

    /// <summary>A-law to PCM16.</summary>
    [Benchmark]
    public int ALawDecode() => ALaw.Decode(_aLaw, _decoded);
}
