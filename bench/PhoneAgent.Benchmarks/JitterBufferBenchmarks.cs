using BenchmarkDotNet.Attributes;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Benchmarks;

/// <summary>
/// The jitter buffer's per-packet cost in steady state: one 20 ms PCMU packet in, one frame out, as the
/// receive loop and the playout tick do for every packet of every call.
/// </summary>
[MemoryDiagnoser]
public class JitterBufferBenchmarks
{
    private readonly StepClock _clock = new();
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _out = new byte[1500];
    private AdaptiveJitterBuffer _buffer = null!;
    private ushort _sequence;
    private uint _timestamp;

    /// <summary>Fills the buffer to its initial depth so every measured pop returns a frame.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _buffer = new AdaptiveJitterBuffer(JitterBufferOptions.ForPtime(20, 8000), _clock);
        for (var i = 0; i < 10; i++) InsertNext();
        for (var i = 0; i < 50; i++) InsertAndPop();
    }

    /// <summary>Insert one packet and pop one frame, the clock moving 20 ms.</summary>
    [Benchmark]
    public JitterBufferStatus InsertAndPop()
    {
        InsertNext();
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        return _buffer.Pop(_out).Status;
    }

    private void InsertNext()
    {
        _buffer.Insert(0x1234, _sequence++, _timestamp, marker: false, _payload);
        _timestamp += 160;
    }

    /// <summary>A clock that moves only when told, so every iteration sees the same arrival pattern.</summary>
    private sealed class StepClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
