using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Threading;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// One call's pocketsphinx recognition. The caller's methods only gather audio and post to a mailbox; a worker thread
/// owns the decoder and feeds it the audio, so a slow decode never stalls the audio path. <see cref="PushFrame"/>,
/// <see cref="Flush"/> and <see cref="Discard"/> share the gathering buffer: one thread at a time calls them, as
/// SpeechRecognizer does under its lock.
/// </summary>
/// <remarks>
/// The worker runs at a lowered priority (<see cref="PocketSphinxOptions.DecodeNice"/>): decoding comes in bursts of
/// tens of milliseconds of CPU, and at the media clock's priority those bursts made the clock threads late on a
/// machine carrying a few conversing calls (bench/conversation). A late transcript costs a few milliseconds of
/// latency; a late clock tick costs every call's send timing. Everything the worker hands back goes through the
/// <see cref="ResultRelay"/>, so it never queues thread-pool work (see there).
/// <para>A decoder failure completes <see cref="Results"/> with the <see cref="PocketSphinxException"/>; audio pushed
/// after <see cref="EndInput"/> without a <see cref="Flush"/> is dropped without a result.</para>
/// </remarks>
internal sealed class PocketSphinxStream : ISpeechToTextStream
{
    // Samples decoded between cancellation checks: 100 ms keeps a dispose prompt without per-sample overhead.
    private const int ChunkSamples = PipelineAudio.SampleRate / 10;

    // Audio goes to the worker 60 ms at a time rather than every 20 ms frame: a third of the wake-ups and partial
    // hypotheses for the same decoding, 11-16 % less CPU with 8 streams in real time (bench/PhoneAgent.SphinxBench
    // --streams 8; docs/PERFORMANCE.md, "pocketsphinx's CPU per second of speech"). A partial, and so a complete
    // turn's early end, comes at most two frames later; a Flush posts what was gathered first, so the final result
    // is not delayed.
    private const int PostSamples = 3 * PipelineAudio.FrameSamples;

    private readonly PocketSphinxSpeechToText _engine;
    private readonly PocketSphinxDecoder _decoder;
    private readonly InputBandwidth _bandwidth;
    private readonly BlockingCollection<StreamCommand> _commands = [];
    private readonly Channel<SpeechEvent> _results = Channel.CreateUnbounded<SpeechEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _disposal = new();
    private readonly ResultRelay _relay;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private short[]? _gathered;
    private int _gatheredLength;
    private string _lastPartial = string.Empty;
    private long _closedUtterances;
    private int _ended;
    private int _disposed;

    public PocketSphinxStream(PocketSphinxSpeechToText engine, PocketSphinxDecoder decoder, SpeechStreamOptions options)
    {
        _engine = engine;
        _decoder = decoder;
        _bandwidth = options.Bandwidth;

        // Here, at the caller's priority: the relay's thread starts on first use and must not inherit the worker's.
        _relay = ResultRelay.Shared;
        var worker = new Thread(() => Run(_disposal.Token)) { IsBackground = true, Name = "pocketsphinx" };
        worker.UnsafeStart();
    }

    public IAsyncEnumerable<SpeechEvent> Results => _results.Reader.ReadAllAsync();

    public void PushFrame(ReadOnlySpan<short> pcm)
    {
        ThrowIfClosed();
        while (!pcm.IsEmpty)
        {
            _gathered ??= ArrayPool<short>.Shared.Rent(PostSamples);
            var count = Math.Min(pcm.Length, PostSamples - _gatheredLength);
            pcm[..count].CopyTo(_gathered.AsSpan(_gatheredLength));
            _gatheredLength += count;
            pcm = pcm[count..];
            if (_gatheredLength == PostSamples) PostGathered();
        }
    }

    public void Flush()
    {
        ThrowIfClosed();
        PostGathered();
        TryPost(new StreamCommand(StreamCommandKind.Flush));
    }

    public void Discard()
    {
        ThrowIfClosed();

        // The utterance is dropped unheard: the audio gathered for it need not be decoded.
        _gatheredLength = 0;
        TryPost(new StreamCommand(StreamCommandKind.Discard));
    }

    public void EndInput()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _ended, 1) == 0) _commands.CompleteAdding();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (Interlocked.Exchange(ref _ended, 1) == 0) _commands.CompleteAdding();
        await _disposal.CancelAsync().ConfigureAwait(false);
        await _finished.Task.ConfigureAwait(false);
        _disposal.Dispose();
        _commands.Dispose();
        _engine.Return(_decoder, _bandwidth);
    }

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _ended) != 0) throw new InvalidOperationException("EndInput was called; the stream takes no more audio");
    }

    private void PostGathered()
    {
        if (_gatheredLength == 0) return;
        var buffer = _gathered!;
        var length = _gatheredLength;
        _gathered = null;
        _gatheredLength = 0;
        if (!TryPost(new StreamCommand(StreamCommandKind.Audio, buffer, length))) ArrayPool<short>.Shared.Return(buffer);
    }

    /// <summary>Posts a command unless the mailbox was closed by <see cref="EndInput"/> on another thread meanwhile.</summary>
    private bool TryPost(StreamCommand command)
    {
        try
        {
            return _commands.TryAdd(command);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void Run(CancellationToken cancellation)
    {
        ThreadNice.LowerCurrentThread(_engine.DecodeNice);
        Exception? failure = null;
        try
        {
            foreach (var command in _commands.GetConsumingEnumerable(cancellation))
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
                        Publish(new SpeechEvent(_decoder.EndUtterance(), IsFinal: true) { Utterance = _closedUtterances++ });
                        break;
                    case StreamCommandKind.Discard:
                        _lastPartial = string.Empty;
                        _closedUtterances++;
                        _decoder.EndUtterance();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The worker has no caller to throw to: the failure reaches whoever reads Results.
            failure = ex;
        }

        _relay.Post(() =>
        {
            _results.Writer.TryComplete(failure);
            _finished.TrySetResult();
        });
    }

    private void Publish(SpeechEvent speech) => _relay.Post(() => _results.Writer.TryWrite(speech));

    private void Decode(ReadOnlySpan<short> pcm, CancellationToken cancellation)
    {
        while (!pcm.IsEmpty)
        {
            cancellation.ThrowIfCancellationRequested();
            _decoder.Process(pcm[..Math.Min(pcm.Length, ChunkSamples)]);
            pcm = pcm[Math.Min(pcm.Length, ChunkSamples)..];
        }

        var hypothesis = _decoder.Hypothesis();
        if (hypothesis.Length > 0 && hypothesis != _lastPartial)
        {
            _lastPartial = hypothesis;
            Publish(new SpeechEvent(hypothesis, IsFinal: false) { Utterance = _closedUtterances });
        }
    }
}
