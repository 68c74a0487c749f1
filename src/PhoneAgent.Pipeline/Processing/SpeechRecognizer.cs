using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Owns the call's recognition stream: caller audio goes in from the input loop, final transcripts come out as
/// <see cref="TranscriptFrame"/>s. Partial results are judged by <paramref name="isCompleteTurn"/> (the agent), and
/// <see cref="UtteranceComplete"/> tells the input loop whether the open utterance already reads as a complete turn.
/// If the engine throws, the stream is replaced and the call goes on; the utterance in progress is lost, which the
/// caller experiences as the bot not having understood.
/// </summary>
internal sealed class SpeechRecognizer(
    ISpeechToText stt,
    SpeechStreamOptions options,
    Func<string, bool> isCompleteTurn,
    FrameQueue output,
    TurnTracker turns,
    TimeProvider time,
    ILogger logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private ISpeechToTextStream? _stream;
    private bool _ended;

    // Utterances this stream has closed (Flush or Discard), counted as the stream counts them (SpeechEvent.Utterance),
    // so that a partial the engine delivers after its utterance was closed cannot mark the next one complete.
    private long _closedUtterances;
    private bool _complete;

    /// <summary>Whether the latest partial result of the open utterance was judged a complete turn.</summary>
    public bool UtteranceComplete
    {
        get
        {
            lock (_gate) return _complete;
        }
    }

    /// <summary>Feeds caller audio.</summary>
    public void Push(ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            try
            {
                Stream().PushFrame(pcm);
            }
            catch (Exception e)
            {
                Restart(e);
            }
        }
    }

    /// <summary>Ends the caller's utterance: its final result follows.</summary>
    public void Flush() => Close(s => s.Flush());

    /// <summary>Drops the audio of an onset that was not speech.</summary>
    public void Discard() => Close(s => s.Discard());

    /// <summary>No more audio: results complete after the pending ones.</summary>
    public void EndInput()
    {
        lock (_gate)
        {
            _ended = true;
            Call(s => s.EndInput());
        }
    }

    /// <summary>Reads results until the stream ends after <see cref="EndInput"/>, replacing it when it fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ISpeechToTextStream stream;
            lock (_gate) stream = Stream();
            try
            {
                await foreach (var result in stream.Results.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (!result.IsFinal)
                    {
                        OnPartial(stream, result);
                        continue;
                    }

                    logger.LogDebug("Recognised \"{Text}\"", result.Text);
                    output.Enqueue(new TranscriptFrame(turns.Current?.Id ?? 0, result.Text.Trim(), time.GetUtcNow()));
                }

                lock (_gate)
                {
                    if (_ended) return;
                    if (ReferenceEquals(stream, _stream)) Restart(new InvalidOperationException("The recognition stream ended before its input did."));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    if (ReferenceEquals(stream, _stream)) Restart(e);
                }
            }
        }
    }

    /// <summary>Disposes the current stream.</summary>
    public async ValueTask DisposeAsync()
    {
        ISpeechToTextStream? stream;
        lock (_gate)
        {
            stream = _stream;
            _stream = null;
            _ended = true;
        }

        if (stream is not null) await DisposeQuietlyAsync(stream).ConfigureAwait(false);
    }

    private void Call(Action<ISpeechToTextStream> action)
    {
        lock (_gate)
        {
            try
            {
                action(Stream());
            }
            catch (Exception e)
            {
                Restart(e);
            }
        }
    }

    private void Close(Action<ISpeechToTextStream> action)
    {
        lock (_gate)
        {
            Call(action);
            if (_stream is null) return;
            _closedUtterances++;
            _complete = false;
        }
    }

    // Runs on the results reader, not the input loop, so the agent's judgement never delays a caller frame.
    private void OnPartial(ISpeechToTextStream stream, SpeechEvent partial)
    {
        bool complete;
        try
        {
            complete = isCompleteTurn(partial.Text);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Judging the partial result \"{Text}\" failed; waiting for the full end-of-turn silence", partial.Text);
            complete = false;
        }

        lock (_gate)
        {
            if (!ReferenceEquals(stream, _stream) || partial.Utterance != _closedUtterances) return;
            _complete = complete;
        }
    }

    private ISpeechToTextStream Stream() => _stream ??= stt.CreateStream(options);

    private void Restart(Exception e)
    {
        logger.LogError(e, "Recognition by {Stt} failed; starting a new stream", stt.Name);
        var old = _stream;
        _stream = null;
        _closedUtterances = 0;
        _complete = false;
        // Not awaited because this runs under the lock on the input loop; DisposeQuietlyAsync observes its own failures.
        if (old is not null) _ = DisposeQuietlyAsync(old);
    }

    private async Task DisposeQuietlyAsync(ISpeechToTextStream stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Disposing a {Stt} stream failed", stt.Name);
        }
    }
}
