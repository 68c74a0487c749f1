using System.Threading.Channels;
using OpenAI.Audio;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Stt.OpenAi;

/// <summary>
/// One call's stream for <see cref="OpenAiSpeechToText"/>: buffers the current utterance and hands it, on
/// <see cref="Flush"/>, to a worker that posts utterances one at a time so finals keep their order.
/// </summary>
internal sealed class OpenAiSpeechStream : ISpeechToTextStream
{
    // Two minutes of speech: far beyond any turn, but a stream that is never flushed must not grow without bound.
    private const int MaxUtteranceSamples = PipelineAudio.SampleRate * 120;

    private readonly OpenAiSpeechToText _engine;
    private readonly AudioTranscriptionOptions _options;
    private readonly Lock _gate = new();
    private readonly Channel<short[]> _utterances = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SpeechEvent> _results = Channel.CreateUnbounded<SpeechEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _disposal = new();
    private readonly Task _worker;
    private readonly List<short> _buffer = [];
    private int _ended;
    private int _disposed;

    public OpenAiSpeechStream(OpenAiSpeechToText engine, AudioTranscriptionOptions options)
    {
        _engine = engine;
        _options = options;
        _worker = Task.Run(() => RunAsync(_disposal.Token));
    }

    public IAsyncEnumerable<SpeechEvent> Results => _results.Reader.ReadAllAsync();

    public void PushFrame(ReadOnlySpan<short> pcm)
    {
        ThrowIfClosed();
        lock (_gate)
        {
            var room = MaxUtteranceSamples - _buffer.Count;
            _buffer.AddRange(pcm[..Math.Min(pcm.Length, Math.Max(room, 0))]);
        }
    }

    public void Flush()
    {
        ThrowIfClosed();
        short[] utterance;
        lock (_gate)
        {
            utterance = [.. _buffer];
            _buffer.Clear();
        }

        _utterances.Writer.TryWrite(utterance);
    }

    public void Discard()
    {
        ThrowIfClosed();
        lock (_gate) _buffer.Clear();
    }

    public void EndInput()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _ended, 1) == 0) _utterances.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _utterances.Writer.TryComplete();
        await _disposal.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        _disposal.Dispose();
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _ended) != 0) throw new InvalidOperationException("EndInput was called; the stream takes no more audio");
    }

    private async Task RunAsync(CancellationToken cancellation)
    {
        try
        {
            await foreach (var utterance in _utterances.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                var text = utterance.Length == 0
                    ? string.Empty
                    : await _engine.TranscribeAsync(WaveFile.Encode(utterance), _options, cancellation).ConfigureAwait(false);
                cancellation.ThrowIfCancellationRequested();
                _results.Writer.TryWrite(new SpeechEvent(text, IsFinal: true));
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Disposed: the pending utterances are abandoned with the call.
        }
        finally
        {
            _results.Writer.TryComplete();
        }
    }
}
