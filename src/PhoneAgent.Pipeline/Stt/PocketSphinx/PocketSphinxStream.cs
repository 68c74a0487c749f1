using System.Buffers;
using System.Collections.Concurrent;
using System.Threading.Channels;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Threading;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// One call's pocketsphinx recognition. The caller's methods only gather audio and post to a mailbox; the process's
/// <see cref="DecodingWorkers"/> run the mailbox on one of their threads, so a slow decode never stalls the audio path.
/// <see cref="PushFrame"/>, <see cref="Flush"/> and <see cref="Discard"/> share the gathering buffer: one thread at a
/// time calls them, as SpeechRecognizer does under its lock.
/// </summary>
/// <remarks>
/// The workers run at a lowered priority (<see cref="PocketSphinxOptions.DecodeNice"/>): decoding comes in bursts of
/// tens of milliseconds of CPU, and at the media clock's priority those bursts made the clock threads late on a
/// machine carrying a few conversing calls (bench/conversation). A late transcript costs a few milliseconds of
/// latency; a late clock tick costs every call's send timing. Everything a worker hands back goes through the
/// <see cref="ResultRelay"/>, so it never queues thread-pool work (see there).
/// <para>A run decodes everything posted since the last one, up to <see cref="RunSamples"/> unless a Flush is waiting,
/// and asks for one partial hypothesis at its end: while the workers keep up that is one per 60 ms post, as before;
/// when they fall behind, fewer partials and longer runs cost less per second of audio.</para>
/// <para>A decoder failure completes <see cref="Results"/> with the <see cref="PocketSphinxException"/>; audio pushed
/// after <see cref="EndInput"/> without a <see cref="Flush"/> is dropped without a result.</para>
/// </remarks>
internal sealed class PocketSphinxStream : ISpeechToTextStream, IDecodingJob
{
    // Samples decoded between disposal checks: 100 ms keeps a dispose prompt without per-sample overhead.
    private const int ChunkSamples = PipelineAudio.SampleRate / 10;

    // Audio goes to the worker 60 ms at a time rather than every 20 ms frame: a third of the wake-ups and partial
    // hypotheses for the same decoding, 11-16 % less CPU with 8 streams in real time (bench/PhoneAgent.SphinxBench
    // --streams 8; docs/PERFORMANCE.md, "pocketsphinx's CPU per second of speech"). A partial, and so a complete
    // turn's early end, comes at most two frames later; a Flush posts what was gathered first, so the final result
    // is not delayed.
    private const int PostSamples = 3 * PipelineAudio.FrameSamples;

    // The most audio one run decodes while no Flush waits (0.5 s, about 30 ms of CPU): then the stream goes to the
    // back of the queue, so one call's backlog does not hold a worker from the others.
    private const int RunSamples = PipelineAudio.SampleRate / 2;

    private readonly PocketSphinxSpeechToText _engine;
    private readonly PocketSphinxDecoder _decoder;
    private readonly InputBandwidth _bandwidth;
    private readonly DecodingWorkers _workers;
    private readonly ConcurrentQueue<StreamCommand> _commands = new();
    private readonly Channel<SpeechEvent> _results = Channel.CreateUnbounded<SpeechEvent>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ResultRelay _relay;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private short[]? _gathered;
    private int _gatheredLength;
    private string _lastPartial = string.Empty;
    private long _closedUtterances;
    private int _waitingFlushes;
    private bool _failed;
    private bool _done;
    private int _ended;
    private int _disposed;

    public PocketSphinxStream(PocketSphinxSpeechToText engine, PocketSphinxDecoder decoder, SpeechStreamOptions options)
    {
        _engine = engine;
        _decoder = decoder;
        _bandwidth = options.Bandwidth;
        _workers = DecodingWorkers.For(engine.DecodeNice);
        QueueNode = new LinkedListNode<IDecodingJob>(this);

        // Here, at the caller's priority: the relay's thread starts on first use and must not inherit a worker's.
        _relay = ResultRelay.Shared;
    }

    public IAsyncEnumerable<SpeechEvent> Results => _results.Reader.ReadAllAsync();

    /// <inheritdoc />
    public LinkedListNode<IDecodingJob> QueueNode { get; }

    /// <inheritdoc />
    public bool Running { get; set; }

    /// <summary>
    /// Whether a Flush is posted and not yet run (the caller's turn waits for this stream's final), or the stream is
    /// being disposed (the call's teardown waits for its decoder, which the next call could take from the pool).
    /// </summary>
    public bool Ending => Volatile.Read(ref _waitingFlushes) > 0 || Volatile.Read(ref _disposed) != 0;

    /// <inheritdoc />
    public bool HasPending => !_commands.IsEmpty;

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
        Interlocked.Increment(ref _waitingFlushes);
        Post(new StreamCommand(StreamCommandKind.Flush));
    }

    public void Discard()
    {
        ThrowIfClosed();

        // The utterance is dropped unheard: the audio gathered for it need not be decoded.
        _gatheredLength = 0;
        Post(new StreamCommand(StreamCommandKind.Discard));
    }

    public void EndInput()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        End();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;

        // The worker sees _disposed and skips what is left up to the End, which every stream is sent exactly once;
        // a stream already waiting moves ahead (an End posted by EndInput may sit behind a long backlog).
        End();
        _workers.Schedule(this);
        await _finished.Task.ConfigureAwait(false);
        _engine.Return(_decoder, _bandwidth);
    }

    /// <summary>
    /// Runs the posted commands on a worker's thread: everything posted so far, or <see cref="RunSamples"/> of audio
    /// when no Flush waits. Never throws: a decoder failure completes <see cref="Results"/> with it.
    /// </summary>
    public void RunPending()
    {
        var decoded = 0;
        var partialDue = false;
        while (_commands.TryDequeue(out var command))
        {
            switch (command.Kind)
            {
                case StreamCommandKind.Audio:
                    if (Usable)
                    {
                        Try(() => Decode(command.Samples.AsSpan(0, command.Length)));
                        decoded += command.Length;
                        partialDue = true;
                    }

                    ArrayPool<short>.Shared.Return(command.Samples!);
                    break;
                case StreamCommandKind.Flush:
                    Interlocked.Decrement(ref _waitingFlushes);
                    partialDue = false;
                    _lastPartial = string.Empty;
                    if (Usable) Try(() => Publish(new SpeechEvent(_decoder.EndUtterance(), IsFinal: true) { Utterance = _closedUtterances++ }));
                    break;
                case StreamCommandKind.Discard:
                    partialDue = false;
                    _lastPartial = string.Empty;
                    _closedUtterances++;
                    if (Usable) Try(() => _decoder.EndUtterance());
                    break;
                case StreamCommandKind.End:
                    // Anything posted after this (a PushFrame racing EndInput on another thread) is only drained:
                    // once _finished completes, DisposeAsync hands the decoder back to the pool.
                    _done = true;
                    _relay.Post(() =>
                    {
                        _results.Writer.TryComplete();
                        _finished.TrySetResult();
                    });
                    return;
            }

            if (decoded >= RunSamples && !Ending) break;
        }

        if (partialDue && Usable) Try(PublishPartial);
    }

    private bool Usable => !_failed && !_done && Volatile.Read(ref _disposed) == 0;

    private void ThrowIfClosed()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Volatile.Read(ref _ended) != 0) throw new InvalidOperationException("EndInput was called; the stream takes no more audio");
    }

    private void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        Post(new StreamCommand(StreamCommandKind.End));
    }

    private void PostGathered()
    {
        if (_gatheredLength == 0) return;
        var buffer = _gathered!;
        var length = _gatheredLength;
        _gathered = null;
        _gatheredLength = 0;
        Post(new StreamCommand(StreamCommandKind.Audio, buffer, length));
    }

    private void Post(StreamCommand command)
    {
        _commands.Enqueue(command);
        _workers.Schedule(this);
    }

    /// <summary>Runs a decoder step; a failure ends decoding and reaches whoever reads <see cref="Results"/>.</summary>
    private void Try(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex)
        {
            _failed = true;
            _relay.Post(() => _results.Writer.TryComplete(ex));
        }
    }

    private void Publish(SpeechEvent speech) => _relay.Post(() => _results.Writer.TryWrite(speech));

    private void Decode(ReadOnlySpan<short> pcm)
    {
        while (!pcm.IsEmpty && Volatile.Read(ref _disposed) == 0)
        {
            _decoder.Process(pcm[..Math.Min(pcm.Length, ChunkSamples)]);
            pcm = pcm[Math.Min(pcm.Length, ChunkSamples)..];
        }
    }

    private void PublishPartial()
    {
        var hypothesis = _decoder.Hypothesis();
        if (hypothesis.Length > 0 && hypothesis != _lastPartial)
        {
            _lastPartial = hypothesis;
            Publish(new SpeechEvent(hypothesis, IsFinal: false) { Utterance = _closedUtterances });
        }
    }
}
