using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Conversation;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// The last stage before the wire, and the one that owns the silence (Pipecat #4151): queues the current bot
/// utterance's audio on the <see cref="IAudioPort"/>, one port utterance per sentence, and keeps a copy of it.
/// </summary>
/// <remarks>
/// <para>
/// Barge-in has two steps. <see cref="Pause"/> cuts the port at its playback position the moment the fast detector
/// hears an onset, while the audio stays here; then either <see cref="Resume"/> (the onset was a cough) queues the
/// unplayed remainder again, or <see cref="Interrupt"/> (speech confirmed) drops it for good. Which samples were
/// played comes from the port's <see cref="PlaybackCompleted"/> reports, measured at the socket, and is mapped onto
/// each sentence's text to get what the caller heard.
/// </para>
/// <para>
/// The utterance finishes once every segment has been reported, with a hard timeout after an interrupt so that a
/// lost report cannot leave the call "speaking" (LiveKit #3418). Thread-safe: the output, input and port-event loops
/// call it under one lock; the finish callback runs outside it.
/// </para>
/// </remarks>
internal sealed class Playout(IAudioPort port, TimeProvider time, TimeSpan interruptTimeout, Action<SpeechHandle, SpeechOutcome> finished, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly List<PlayoutSentence> _sentences = [];
    private readonly Dictionary<long, PlayoutSegment> _segments = [];
    private SpeechHandle? _handle;
    private ITimer? _hardTimeout;
    private bool _synthesisDone;
    private bool _finished = true;
    private bool _paused;
    private bool _resumePending;
    private long _firstQueuedAt = -1;
    private bool _onWire;

    /// <summary>Makes <paramref name="handle"/> the utterance being played; the previous one must have finished.</summary>
    public void Begin(SpeechHandle handle)
    {
        lock (_gate)
        {
            _handle = handle;
            _sentences.Clear();
            _segments.Clear();
            _hardTimeout?.Dispose();
            _hardTimeout = null;
            _synthesisDone = false;
            _finished = false;
            _paused = false;
            _resumePending = false;
            _firstQueuedAt = -1;
            _onWire = false;
        }
    }

    /// <summary>Whether the port is cut and the utterance held back, waiting for a confirm or a resume.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_gate) return _paused;
        }
    }

    /// <summary>Queues synthesised audio of <paramref name="text"/>, unless the turn is stale or playback is paused.</summary>
    public void Append(long turnId, string text, ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            if (!IsLive(turnId)) return;
            if (_sentences.Count == 0 || _sentences[^1].Complete || !ReferenceEquals(_sentences[^1].Text, text)) _sentences.Add(new PlayoutSentence(text));
            var sentence = _sentences[^1];
            sentence.Add(pcm);
            if (!_paused) Queue(_sentences.Count - 1, pcm);
        }
    }

    /// <summary>The sentence <paramref name="text"/> has all its audio: its port utterance is closed, so it is reported on its own.</summary>
    public void EndSentence(long turnId, string text)
    {
        lock (_gate)
        {
            if (!IsLive(turnId)) return;
            if (_sentences.Count > 0 && !_sentences[^1].Complete && ReferenceEquals(_sentences[^1].Text, text))
            {
                _sentences[^1].Complete = true;
                if (!_paused) port.CompleteUtterance();
            }
        }
    }

    /// <summary>Nothing more will be appended to the turn; it finishes once its audio has played.</summary>
    public void EndSpeech(long turnId)
    {
        (SpeechHandle, SpeechOutcome)? done;
        lock (_gate)
        {
            if (!IsLive(turnId)) return;
            _synthesisDone = true;
            done = TryFinish();
        }

        Report(done);
    }

    /// <summary>
    /// A possible barge-in: cuts the port where it is, keeping the audio here. True if an interruptible utterance is
    /// in flight (queued, playing, or still being generated); false when there is nothing to pause.
    /// </summary>
    public bool Pause()
    {
        lock (_gate)
        {
            if (_finished || _handle is not { AllowInterruptions: true, IsInterrupted: false }) return false;
            _resumePending = false;
            if (_paused) return true;
            _paused = true;
            port.CutAt(port.PlaybackPosition);
            return true;
        }
    }

    /// <summary>A false interruption: plays the unplayed remainder, once the port has reported where the cut fell.</summary>
    public void Resume()
    {
        (SpeechHandle, SpeechOutcome)? done;
        lock (_gate)
        {
            if (!_paused || _finished) return;
            _resumePending = true;
            TryResume();
            done = TryFinish();
        }

        Report(done);
    }

    /// <summary>Drops the utterance's audio for good and cancels its turn; it finishes when the port reports the cut, or after the hard timeout.</summary>
    public void Interrupt(SpeechHandle handle)
    {
        // Cancelling runs the agent's and synthesiser's registrations; do it outside the lock.
        if (!handle.Cancel()) return;
        (SpeechHandle, SpeechOutcome)? done;
        lock (_gate)
        {
            if (!ReferenceEquals(handle, _handle) || _finished)
            {
                done = ReferenceEquals(handle, _handle) ? null : (handle, new SpeechOutcome(string.Empty, string.Empty, true));
            }
            else
            {
                if (!_paused) port.CutAt(port.PlaybackPosition);
                _paused = false;
                _resumePending = false;
                _hardTimeout = time.CreateTimer(_ => ForceFinish(handle), null, interruptTimeout, Timeout.InfiniteTimeSpan);
                done = TryFinish();
            }
        }

        Report(done);
    }

    /// <summary>The port says a port utterance is over: records what was played and finishes or resumes what waited on it.</summary>
    public void OnPlaybackCompleted(PlaybackCompleted completed)
    {
        (SpeechHandle, SpeechOutcome)? done;
        lock (_gate)
        {
            if (!_segments.TryGetValue(completed.UtteranceId, out var segment) || segment.Finished) return;
            segment.Finished = true;
            segment.Played = Math.Clamp(completed.PlayedSamples, 0, segment.Length);
            TryResume();
            done = TryFinish();
        }

        Report(done);
    }

    /// <summary>Called once per caller frame (every 20 ms): stamps the first audio on the wire when the port's position moves.</summary>
    public void OnTick()
    {
        lock (_gate)
        {
            if (_onWire || _firstQueuedAt < 0 || _handle is null || port.PlaybackPosition <= _firstQueuedAt) return;
            _onWire = true;
            _handle.Metrics.FirstAudioOnWire();
        }
    }

    private bool IsLive(long turnId) => !_finished && _handle is { IsInterrupted: false } h && h.Id == turnId;

    private void Queue(int sentence, ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty) return;
        if (_firstQueuedAt < 0) _firstQueuedAt = port.PlaybackPosition;
        var id = port.Play(pcm);
        if (!_segments.TryGetValue(id, out var segment))
        {
            segment = new PlayoutSegment(sentence);
            _segments.Add(id, segment);
        }

        segment.Length += pcm.Length;
    }

    private void TryResume()
    {
        if (!_resumePending || _segments.Values.Any(s => !s.Finished)) return;
        _resumePending = false;
        _paused = false;
        for (var i = 0; i < _sentences.Count; i++)
        {
            var sentence = _sentences[i];
            var played = (int)Played(i);
            if (played < sentence.Length) Queue(i, sentence.From(played));
            if (sentence.Complete) port.CompleteUtterance();
        }
    }

    private (SpeechHandle, SpeechOutcome)? TryFinish()
    {
        if (_finished || _handle is null) return null;
        var interrupted = _handle.IsInterrupted;
        if (!interrupted && (!_synthesisDone || _paused)) return null;
        if (_segments.Values.Any(s => !s.Finished)) return null;
        _finished = true;
        _hardTimeout?.Dispose();
        _hardTimeout = null;
        return (_handle, Outcome(interrupted));
    }

    private void ForceFinish(SpeechHandle handle)
    {
        (SpeechHandle, SpeechOutcome)? done;
        lock (_gate)
        {
            if (!ReferenceEquals(handle, _handle) || _finished) return;

            // Segments the port never reported count as unheard: better to omit words than to claim the caller heard them.
            var missing = _segments.Values.Count(s => !s.Finished);
            logger.LogWarning("Turn {TurnId}: {Missing} playback reports missing {Timeout} after the interrupt; finishing anyway", handle.Id, missing, interruptTimeout);
            foreach (var s in _segments.Values.Where(s => !s.Finished)) s.Finished = true;
            done = TryFinish();
        }

        Report(done);
    }

    /// <summary>The call is over: finishes the utterance in flight at once, counting unreported audio as unheard.</summary>
    public void Close()
    {
        SpeechHandle? handle;
        lock (_gate) handle = _handle;
        handle?.Cancel();
        (SpeechHandle, SpeechOutcome)? done;
        lock (_gate)
        {
            foreach (var s in _segments.Values.Where(s => !s.Finished)) s.Finished = true;
            done = TryFinish();
        }

        Report(done);
    }

    private long Played(int sentence)
    {
        long played = 0;
        foreach (var s in _segments.Values)
        {
            if (s.Sentence == sentence && s.Finished) played += s.Played;
        }

        return played;
    }

    private SpeechOutcome Outcome(bool interrupted)
    {
        var said = new List<string>();
        var heard = new List<string>();
        var cut = false;
        for (var i = 0; i < _sentences.Count; i++)
        {
            var sentence = _sentences[i];
            said.Add(sentence.Text.Trim());
            if (cut || sentence.Length == 0) continue;
            var played = Played(i);
            var part = HeardText.Prefix(sentence.Text, played, sentence.Length);
            if (part.Length > 0) heard.Add(part);
            cut = played < sentence.Length;
        }

        return new SpeechOutcome(string.Join(' ', said), string.Join(' ', heard), interrupted);
    }

    private void Report((SpeechHandle Handle, SpeechOutcome Outcome)? done)
    {
        if (done is { } d) finished(d.Handle, d.Outcome);
    }
}
