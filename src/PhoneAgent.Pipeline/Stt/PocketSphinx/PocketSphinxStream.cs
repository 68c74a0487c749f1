using System.Buffers;
using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// One call's pocketsphinx recognition. The caller's methods only post to a mailbox; a worker task owns the decoder
/// and runs <c>ps_process_raw</c>, so a slow decode never stalls the audio path.
/// </summary>
/// <remarks>
/// A decoder failure completes <see cref="Results"/> with the <see cref="PocketSphinxException"/>; audio pushed
/// after <see cref="EndInput"/> without a <see cref="Flush"/> is dropped without a result.
/// </remarks>
internal sealed class PocketSphinxStream : ISpeechToTextStream
{
    // Samples decoded between cancellation checks: 100 ms keeps a dispose prompt without per-sample overhead.
    private const int ChunkSamples = PipelineAudio.SampleRate / 10;

    private readonly PocketSphinxSpeechToText _engine;
    private readonly PocketSphinxDecoder _decoder;
    private readonly InputBandwidth _bandwidth;
    private readonly BandwidthExtender? _extender;
    private readonly Channel<StreamCommand> _commands = Channel.CreateUnbounded<StreamCommand>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<SpeechEvent> _results = Channel.CreateUnbounded<SpeechEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _disposal = new();
    private readonly short[] _scratch;
    private readonly Task _worker;
    private string _lastPartial = string.Empty;
    private int _ended;
    private int _disposed;

    public PocketSphinxStream(PocketSphinxSpeechToText engine, PocketSphinxDecoder decoder, SpeechStreamOptions options)
    {
        _engine = engine;
        _decoder = decoder;
        _bandwidth = options.Bandwidth;
        _extender = options.Bandwidth == InputBandwidth.Narrowband ? new BandwidthExtender() : null;
        _scratch = new short[ChunkSamples];
        _worker = Task.Run(() => RunAsync(_disposal.Token));
    }

    public IAsyncEnumerable<SpeechEvent> Results => _results.Reader.ReadAllAsync();

    public void PushFrame(ReadOnlySpan<short> pcm)
    {
        ThrowIfClosed();
        if (pcm.IsEmpty) return;
        var buffer = ArrayPool<short>.Shared.Rent(pcm.Length);
        pcm.CopyTo(buffer);
        if (!_commands.Writer.TryWrite(new StreamCommand(StreamCommandKind.Audio, buffer, pcm.Length))) ArrayPool<short>.Shared.Return(buffer);
    }

    public void Flush()
    {
        ThrowIfClosed();
        _commands.Writer.TryWrite(new StreamCommand(StreamCommandKind.Flush));
    }

    public void Discard()
    {
        ThrowIfClosed();
        _commands.Writer.TryWrite(new StreamCommand(StreamCommandKind.Discard));
    }

    public void EndInput()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _ended, 1) == 0) _commands.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _commands.Writer.TryComplete();
        await _disposal.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        _disposal.Dispose();
        _engine.Return(_decoder, _bandwidth);
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
            await foreach (var command in _commands.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                switch (command.Kind)
                {
                    case StreamCommandKind.Audio:
                        try
                        {
                            Decode(command.Samples.AsSpan(0, command.Length), cancellation);
                        }
                        finally
                        {
                            ArrayPool<short>.Shared.Return(command.Samples!);
                        }

                        break;
                    case StreamCommandKind.Flush:
                        _lastPartial = string.Empty;
                        _results.Writer.TryWrite(new SpeechEvent(_decoder.EndUtterance(), IsFinal: true));
                        break;
                    case StreamCommandKind.Discard:
                        _lastPartial = string.Empty;
                        _decoder.EndUtterance();
                        break;
                }
            }

            _results.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            _results.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            // The worker has no caller to throw to: the failure reaches whoever reads Results.
            _results.Writer.TryComplete(ex);
        }
    }

    private void Decode(ReadOnlySpan<short> pcm, CancellationToken cancellation)
    {
        while (!pcm.IsEmpty)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunk = pcm[..Math.Min(pcm.Length, ChunkSamples)];
            if (_extender is not null)
            {
                _extender.Process(chunk, _scratch);
                chunk = _scratch.AsSpan(0, chunk.Length);
            }

            _decoder.Process(chunk);
            pcm = pcm[Math.Min(pcm.Length, ChunkSamples)..];
        }

        var hypothesis = _decoder.Hypothesis();
        if (hypothesis.Length > 0 && hypothesis != _lastPartial)
        {
            _lastPartial = hypothesis;
            _results.Writer.TryWrite(new SpeechEvent(hypothesis, IsFinal: false));
        }
    }
}
