using System.Buffers.Binary;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

/// <summary>
/// Drives an <see cref="AdaptiveJitterBuffer"/> on virtual time: packets are scheduled with an arrival time, and each
/// <see cref="Tick"/> moves the clock one frame on, delivering every packet due by then at its own instant before
/// popping. Ticks fall at 10 ms, 30 ms, 50 ms, …, half a frame off the 20 ms send grid, so a packet sent at
/// 20·n ms with a few milliseconds of delay is always due before the tick that follows it.
/// </summary>
internal sealed class JitterBufferHarness
{
    public static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(20);
    public const int SamplesPerFrame = 160;

    private readonly List<Arrival> _pending = [];
    private readonly byte[] _destination;
    private TimeSpan _now;
    private TimeSpan _nextTick = TimeSpan.FromMilliseconds(10);
    private int _order;

    public JitterBufferHarness(JitterBufferOptions? options = null)
    {
        var resolved = options ?? new JitterBufferOptions();
        Buffer = new AdaptiveJitterBuffer(resolved, Time);
        _destination = new byte[resolved.MaxPayloadSize];
    }

    public ManualTimeProvider Time { get; } = new();

    public AdaptiveJitterBuffer Buffer { get; }

    public TimeSpan Now => _now;

    public List<(ushort Sequence, JitterBufferInsertResult Result)> Inserted { get; } = [];

    /// <summary>Schedules packet <paramref name="sequence"/>; its payload is its sequence number, big-endian.</summary>
    public void Send(ushort sequence, uint timestamp, TimeSpan arrival, bool marker = false, uint ssrc = 1) =>
        _pending.Add(new Arrival(arrival, _order++, ssrc, sequence, timestamp, marker));

    /// <summary>Schedules packets <paramref name="first"/>… sent every 20 ms from <paramref name="sentFrom"/>, each arriving after <paramref name="delay"/>.</summary>
    public void SendStream(ushort first, int count, uint firstTimestamp, TimeSpan sentFrom, TimeSpan delay, uint ssrc = 1)
    {
        for (var i = 0; i < count; i++)
        {
            Send((ushort)(first + i), firstTimestamp + (uint)(i * SamplesPerFrame), sentFrom + (i * Frame) + delay, ssrc: ssrc);
        }
    }

    public JitterBufferFrame Tick()
    {
        var payload = new byte[2];
        foreach (var arrival in _pending.Where(a => a.At <= _nextTick).OrderBy(a => a.At).ThenBy(a => a.Order).ToList())
        {
            AdvanceTo(arrival.At);
            BinaryPrimitives.WriteUInt16BigEndian(payload, arrival.Sequence);
            Inserted.Add((arrival.Sequence, Buffer.Insert(arrival.Ssrc, arrival.Sequence, arrival.Timestamp, arrival.Marker, payload)));
            _pending.Remove(arrival);
        }

        AdvanceTo(_nextTick);
        _nextTick += Frame;
        var frame = Buffer.Pop(_destination);
        if (frame.Status == JitterBufferStatus.Frame)
        {
            Assert.Equal(2, frame.PayloadLength);
            Assert.Equal(frame.SequenceNumber, BinaryPrimitives.ReadUInt16BigEndian(_destination));
        }

        return frame;
    }

    public List<JitterBufferFrame> Ticks(int count)
    {
        var frames = new List<JitterBufferFrame>(count);
        for (var i = 0; i < count; i++)
        {
            frames.Add(Tick());
        }

        return frames;
    }

    /// <summary>Ticks until <paramref name="time"/> has passed.</summary>
    public List<JitterBufferFrame> RunUntil(TimeSpan time)
    {
        var frames = new List<JitterBufferFrame>();
        while (_nextTick <= time)
        {
            frames.Add(Tick());
        }

        return frames;
    }

    private void AdvanceTo(TimeSpan at)
    {
        if (at > _now)
        {
            Time.Advance(at - _now);
            _now = at;
        }
    }

    private sealed record Arrival(TimeSpan At, int Order, uint Ssrc, ushort Sequence, uint Timestamp, bool Marker);
}
