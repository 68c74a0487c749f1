using System.Collections.Concurrent;
using System.Threading.Channels;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>A recogniser that "hears" the next scripted transcript whenever an utterance with audio is flushed.</summary>
public sealed class FakeSpeechToText(Signal signal) : ISpeechToText
{
    private readonly ConcurrentQueue<string> _transcripts = new();

    private Signal Signal { get; } = signal;

    public string Name => "fake-stt";

    public int StreamsOpened { get; private set; }

    public SpeechStreamOptions? Options { get; private set; }

    public int Discards { get; set; }

    /// <summary>The next pushed frame throws, as a broken engine would.</summary>
    public bool FailNextPush { get; set; }

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

        public IAsyncEnumerable<SpeechEvent> Results => _results.Reader.ReadAllAsync();

        public void PushFrame(ReadOnlySpan<short> pcm)
        {
            if (owner.FailNextPush)
            {
                owner.FailNextPush = false;
                throw new InvalidOperationException("recogniser broke");
            }

            _pushed += pcm.Length;
        }

        public void Flush()
        {
            var text = _pushed > 0 && owner._transcripts.TryDequeue(out var t) ? t : string.Empty;
            _pushed = 0;
            _results.Writer.TryWrite(new SpeechEvent(text, true));
            owner.Signal.Pulse();
        }

        public void Discard()
        {
            _pushed = 0;
            owner.Discards++;
        }

        public void EndInput() => _results.Writer.TryComplete();

        public ValueTask DisposeAsync()
        {
            _results.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
