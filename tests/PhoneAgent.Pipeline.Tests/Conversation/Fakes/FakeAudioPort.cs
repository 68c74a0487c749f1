using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>
/// An in-memory port that "plays" one 20 ms frame of queued bot audio per <see cref="Tick"/> and records every
/// sample sent, with utterance accounting like the RTP sender's (no fade, so cuts are sample-exact).
/// </summary>
public sealed class FakeAudioPort(Signal signal) : IAudioPort
{
    private readonly Lock _gate = new();
    private readonly List<short> _queue = [];
    private readonly List<short> _sent = [];
    private readonly List<Span> _spans = [];
    private readonly List<Cut> _cuts = [];
    private readonly Channel<AudioPortEvent> _events = Channel.CreateUnbounded<AudioPortEvent>();
    private long _position;
    private long _nextId = 1;
    private long _totalQueued;
    private CallerAudioArrived? _arrivals;

    public SteppedInput Frames { get; } = new();

    public InputBandwidth InputBandwidth => InputBandwidth.Narrowband;

    public ChannelReader<short[]> Input => Frames;

    public ChannelReader<AudioPortEvent> Events => _events.Reader;

    /// <summary>Whether the pipeline listens to caller audio as it arrives.</summary>
    public bool HasArrivalListener => Volatile.Read(ref _arrivals) is not null;

    /// <summary>The listener as set now: a receive thread that read it just before it was removed still calls it.</summary>
    public CallerAudioArrived? ArrivalListener => Volatile.Read(ref _arrivals);

    public long PlaybackPosition
    {
        get { lock (_gate) return _position; }
    }

    /// <summary>Every bot sample that left, in order.</summary>
    public short[] Sent
    {
        get { lock (_gate) return _sent.ToArray(); }
    }

    public int Queued
    {
        get { lock (_gate) return _queue.Count; }
    }

    /// <summary>Samples ever handed to <see cref="Play"/>.</summary>
    public long TotalQueued
    {
        get { lock (_gate) return _totalQueued; }
    }

    public IReadOnlyList<Cut> Cuts
    {
        get { lock (_gate) return _cuts.ToArray(); }
    }

    public long Play(ReadOnlySpan<short> pcm)
    {
        long id;
        lock (_gate)
        {
            if (_spans.Count == 0 || !_spans[^1].IsOpen) _spans.Add(new Span(_nextId++, _position + _queue.Count));
            id = _spans[^1].Id;
            _queue.AddRange(pcm);
            _totalQueued += pcm.Length;
        }

        signal.Pulse();
        return id;
    }

    public void CompleteUtterance()
    {
        lock (_gate)
        {
            if (_spans.Count > 0 && _spans[^1].IsOpen) _spans[^1].End = _position + _queue.Count;
            Report();
        }

        signal.Pulse();
    }

    public void CutAt(long position)
    {
        lock (_gate)
        {
            var offset = (int)Math.Clamp(position - _position, 0, _queue.Count);
            _cuts.Add(new Cut(_position, _queue.Count - offset));
            _queue.RemoveRange(offset, _queue.Count - offset);
            foreach (var span in _spans)
            {
                span.Interrupted = true;
                span.End = Math.Max(span.Start, Math.Min(span.End, _position + offset));
            }

            Report();
        }

        signal.Pulse();
    }

    /// <summary>One 20 ms packet time: sends up to one frame of queued audio.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            var taken = Math.Min(PipelineAudio.FrameSamples, _queue.Count);
            _sent.AddRange(_queue.GetRange(0, taken));
            _queue.RemoveRange(0, taken);
            _position += taken;
            Report();
        }

        signal.Pulse();
    }

    public void SetArrivalListener(CallerAudioArrived? listener) => Volatile.Write(ref _arrivals, listener);

    /// <summary>A caller packet arrives: its audio goes to the arrival listener at once, on the test's thread, as on a receive thread.</summary>
    public void Arrive(short[] pcm) => Volatile.Read(ref _arrivals)?.Invoke(pcm);

    public void PressKey(char digit) => _events.Writer.TryWrite(new DtmfPressed(digit, TimeSpan.FromMilliseconds(100)));

    private void Report()
    {
        while (_spans.Count > 0 && _spans[0].End <= _position)
        {
            var span = _spans[0];
            _spans.RemoveAt(0);
            _events.Writer.TryWrite(new PlaybackCompleted(span.Id, span.End - span.Start, span.Interrupted));
        }
    }

    /// <summary>A cut: where playback stood and how many queued samples it dropped.</summary>
    public sealed record Cut(long Position, int Dropped);

    private sealed class Span(long id, long start)
    {
        public long Id { get; } = id;

        public long Start { get; } = start;

        public long End { get; set; } = long.MaxValue;

        public bool Interrupted { get; set; }

        public bool IsOpen => End == long.MaxValue && !Interrupted;
    }
}
