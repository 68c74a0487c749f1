using System.Threading.Channels;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Maps the sender's running count of bot samples onto utterances and reports each one once it has been played or
/// cut, so that "what the caller heard" is measured at the socket rather than guessed upstream. Not thread-safe:
/// the <see cref="PacedSender"/> calls it under its own lock.
/// </summary>
internal sealed class UtteranceTracker(ChannelWriter<PlaybackFinished> events)
{
    private readonly List<PlaybackSpan> _spans = [];
    private long _nextId = 1;

    /// <summary>The utterance that samples enqueued at <paramref name="position"/> belong to, opening one if needed.</summary>
    public long OnEnqueued(long position)
    {
        if (_spans.Count > 0 && _spans[^1].IsOpen) return _spans[^1].Id;
        var span = new PlaybackSpan(_nextId++, position);
        _spans.Add(span);
        return span.Id;
    }

    /// <summary>Ends the open utterance at <paramref name="end"/>, the stream index after its last sample.</summary>
    public void Complete(long end)
    {
        if (_spans.Count > 0 && _spans[^1].IsOpen) _spans[^1].End = end;
    }

    /// <summary>
    /// Truncates every utterance at <paramref name="end"/> and marks them interrupted. An utterance queued wholly
    /// after the cut ends there too, with nothing played: the position never reaches its start, since its samples
    /// are dropped, so it is reported as soon as the cut has played out.
    /// </summary>
    public void Interrupt(long end, long position)
    {
        foreach (var span in _spans)
        {
            span.Interrupted = true;
            span.End = Math.Min(span.End, end);
        }

        OnPlayed(position);
    }

    /// <summary>Reports every utterance whose last sample is at or before <paramref name="position"/>.</summary>
    public void OnPlayed(long position)
    {
        while (_spans.Count > 0 && _spans[0].End <= position)
        {
            var span = _spans[0];
            _spans.RemoveAt(0);
            events.TryWrite(new PlaybackFinished(span.Id, Math.Max(0, span.End - span.Start), span.Interrupted));
        }
    }
}
