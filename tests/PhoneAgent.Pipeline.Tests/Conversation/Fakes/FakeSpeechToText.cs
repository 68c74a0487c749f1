using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>
/// A recogniser that "hears" the next scripted transcript whenever an utterance with audio is flushed, and, while
/// <see cref="Partial"/> is set, reports it as the partial result of every pushed frame.
/// </summary>
public sealed class FakeSpeechToText(Signal signal) : ISpeechToText
{
    private readonly ConcurrentQueue<string> _transcripts = new();
    private int _partialsSent;
    private int _resultsHandled;
    private int _flushes;
    private int _silentFramesPushed;

    private Signal Signal { get; } = signal;

    public string Name => "fake-stt";

    public int StreamsOpened { get; private set; }

    public SpeechStreamOptions? Options { get; private set; }

    public int Discards { get; set; }

    /// <summary>The next pushed frame throws, as a broken engine would.</summary>
    public bool FailNextPush { get; set; }

    /// <summary>The partial result each pushed frame produces; null for none.</summary>
    public string? Partial { get; set; }

    /// <summary>Results reach the reader only once this completes (an engine that runs behind the caller).</summary>
    public Task ResultsGate { get; set; } = Task.CompletedTask;

    /// <summary>Frames of digital silence pushed so far, over all streams.</summary>
    public int SilentFramesPushed => Volatile.Read(ref _silentFramesPushed);

    /// <summary>Utterances flushed so far: each is the end of a caller turn.</summary>
    public int Flushes => Volatile.Read(ref _flushes);

    /// <summary>
    /// Whether the reader has finished with every partial result sent: it asks for the next result only after it
    /// has handled the previous one, so this is when the pipeline has judged the latest partial.
    /// </summary>
    public bool PartialsHandled => Volatile.Read(ref _resultsHandled) >= Volatile.Read(ref _partialsSent);

    /// <summary>The next utterance will be recognised as <paramref name="text"/>.</summary>
    public void WillHear(string text) => _transcripts.Enqueue(text);

    public ISpeechToTextStream CreateStream(SpeechStreamOptions options)
    {
        Options = options;
        StreamsOpened++;
        return new Stream(this);
    }

    private sealed class Stream(FakeSpeechToText owner) : ISpeechToTextStream
    {
        private readonly Channel<SpeechEvent> _results = Channel.CreateUnbounded<SpeechEvent>();
        private int _pushed;
        private long _closed;

        public IAsyncEnumerable<SpeechEvent> Results => ReadAsync();

        public void PushFrame(ReadOnlySpan<short> pcm)
        {
            if (owner.FailNextPush)
            {
                owner.FailNextPush = false;
                throw new InvalidOperationException("recogniser broke");
            }

            _pushed += pcm.Length;
            if (!pcm.ContainsAnyExcept((short)0)) Interlocked.Increment(ref owner._silentFramesPushed);
            if (owner.Partial is not { } partial) return;
            Interlocked.Increment(ref owner._partialsSent);
            _results.Writer.TryWrite(new SpeechEvent(partial, false) { Utterance = _closed });
        }

        public void Flush()
        {
            var text = _pushed > 0 && owner._transcripts.TryDequeue(out var t) ? t : string.Empty;
            _pushed = 0;
            Interlocked.Increment(ref owner._flushes);
            _results.Writer.TryWrite(new SpeechEvent(text, true) { Utterance = _closed++ });
            owner.Signal.Pulse();
        }

        public void Discard()
        {
            _pushed = 0;
            _closed++;
            owner.Discards++;
        }

        public void EndInput() => _results.Writer.TryComplete();

        public ValueTask DisposeAsync()
        {
            _results.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }

        private async IAsyncEnumerable<SpeechEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var result in _results.Reader.ReadAllAsync(cancellationToken))
            {
                await owner.ResultsGate.WaitAsync(cancellationToken);
                yield return result;

                // Resumed only when the reader asks for the next result, i.e. once it has handled this one.
                if (!result.IsFinal) Interlocked.Increment(ref owner._resultsHandled);
                owner.Signal.Pulse();
            }
        }
    }
}
