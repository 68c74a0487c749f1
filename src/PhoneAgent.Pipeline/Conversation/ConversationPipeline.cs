using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Processing;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Turns;
using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Pipeline.Conversation;

/// <summary>
/// One call's conversation: caller audio from an <see cref="IAudioPort"/> through turn detection and recognition to
/// the agent, and the agent's streamed reply through sentence chunking and synthesis back to the port, with barge-in.
/// </summary>
/// <remarks>
/// <para>
/// The processors are small loops joined by two-lane <see cref="FrameQueue"/>s (STYLE §5): input (detectors, turn
/// detection, recogniser feed, barge-in), recognition results, user-turn aggregation, agent, sentence chunking,
/// synthesis, and output to the <see cref="Playout"/>. Each bot utterance is a <see cref="SpeechHandle"/> whose id
/// stamps its frames; interrupting it cancels its token, flushes every queue and the port, and stale frames that
/// were already in flight are dropped by whichever processor meets them.
/// </para>
/// <para>
/// No engine exception ends the call: a failing agent or synthesiser is replaced by the apology, a failing recogniser
/// stream by a new one, a failing detector scores silence. The call ends when the port's input completes or the agent
/// ends it (after its goodbye has played).
/// </para>
/// </remarks>
public sealed class ConversationPipeline
{
    private readonly IAudioPort _port;
    private readonly IAgent _agent;
    private readonly ConversationSettings _settings;
    private readonly ILogger _logger;
    private readonly IConversationObserver _observer;
    private readonly ConversationHistory _history = new();
    private readonly TurnTracker _turns;
    private readonly Playout _playout;
    private readonly SpeechRecognizer _recognizer;
    private readonly FrameQueue _userTurns = new();
    private readonly FrameQueue _agentInput = new();
    private readonly FrameQueue _sentenceInput = new();
    private readonly FrameQueue _ttsInput = new();
    private readonly FrameQueue _outputInput = new();
    private readonly InputProcessor _input;
    private readonly ArrivalOnsetDetector? _arrival;
    private readonly UserTurnAggregator _aggregator;
    private readonly FrameProcessor[] _processors;
    private int _started;

    /// <summary>Builds the pipeline for one call; nothing runs until <see cref="RunAsync"/>.</summary>
    /// <param name="port">The call's audio.</param>
    /// <param name="call">Hang-up and transfer.</param>
    /// <param name="onsetDetector">The fast detector that reacts within one frame (e.g. an energy detector); one instance per call.</param>
    /// <param name="confirmDetector">The detector that confirms speech (Silero); one instance per call.</param>
    /// <param name="stt">The recogniser; the pipeline opens one stream.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="tts">The synthesiser.</param>
    /// <param name="settings">Turn taking, barge-in and recovery settings.</param>
    /// <param name="time">The clock for metrics and the interrupt timeout.</param>
    /// <param name="logger">Where the conversation is logged; null for none.</param>
    /// <param name="observer">Receives turns, barge-ins and key presses; null for none.</param>
    /// <param name="arrivalOnsetDetector">
    /// A second fast detector (one instance per call) that hears the caller's packets as they arrive, ahead of the
    /// port's jitter buffer, so barge-in pauses the bot that much sooner; null to hear onsets through the buffer only.
    /// </param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    public ConversationPipeline(
        IAudioPort port,
        ICallControl call,
        IVoiceActivityDetector onsetDetector,
        IVoiceActivityDetector confirmDetector,
        ISpeechToText stt,
        IAgent agent,
        ITextToSpeech tts,
        ConversationSettings settings,
        TimeProvider time,
        ILogger? logger = null,
        IConversationObserver? observer = null,
        IVoiceActivityDetector? arrivalOnsetDetector = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(onsetDetector);
        ArgumentNullException.ThrowIfNull(confirmDetector);
        ArgumentNullException.ThrowIfNull(stt);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(tts);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        settings.Validate();
        _port = port;
        _agent = agent;
        _settings = settings;
        _logger = logger ?? NullLogger.Instance;
        _observer = observer ?? NullObserver.Instance;
        _turns = new TurnTracker(time, Interrupt);
        _playout = new Playout(port, time, settings.InterruptTimeout, OnSpeechFinished, _logger);
        _recognizer = new SpeechRecognizer(stt, new SpeechStreamOptions(port.InputBandwidth, agent.SpeechHints), agent.IsCompleteTurn, _userTurns, _turns, time, _logger);
        var confirmWindowFrames = (int)Math.Ceiling(settings.Turn.ConfirmWindow / PipelineAudio.Duration(PipelineAudio.FrameSamples));
        var bargeIn = new BargeInController(_turns, _playout, _observer, time, _logger, confirmWindowFrames);
        if (arrivalOnsetDetector is not null) _arrival = new ArrivalOnsetDetector(arrivalOnsetDetector, settings.Turn.OnsetThreshold, bargeIn, _logger);
        var preRollFrames = (int)(settings.PreRoll / PipelineAudio.Duration(PipelineAudio.FrameSamples));
        _input = new InputProcessor(port, onsetDetector, confirmDetector, new TurnDetector(settings.Turn), preRollFrames, _recognizer, bargeIn, _playout, _userTurns, _turns, time, _logger);
        _aggregator = new UserTurnAggregator(_userTurns, _agentInput, _turns, _playout, _history, call, _observer, _logger);
        _processors =
        [
            new AgentProcessor(_agentInput, _sentenceInput, agent, _turns, settings.ApologyText, _logger),
            new SentenceProcessor(_sentenceInput, _ttsInput, _turns, settings.MinClauseLength, _logger),
            new TtsProcessor(_ttsInput, _outputInput, tts, _turns, settings.ApologyText, _logger),
            new OutputProcessor(_outputInput, _playout, _turns, _logger),
        ];
    }

    /// <summary>The conversation so far: caller messages and the bot text the caller heard.</summary>
    public IReadOnlyList<ChatMessage> History => _history.Snapshot();

    /// <summary>The latest bot utterance, or null before the first.</summary>
    public SpeechHandle? CurrentSpeech => _turns.Current;

    /// <summary>
    /// Runs the conversation: plays the agent's greeting, then takes turns until the port's input completes (the
    /// caller's media ended) or the agent ends the call; then stops every processor. Runs once per instance.
    /// </summary>
    /// <returns>True if the bot ended the call (hang-up or transfer), false if the caller's media ended first.</returns>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("A conversation pipeline runs once.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = _processors.Select(p => p.RunAsync(stop.Token)).ToList();
        workers.Add(RunPortEventsAsync(stop.Token));
        workers.Add(_recognizer.RunAsync(stop.Token));
        var input = _input.RunAsync(stop.Token);
        var aggregator = _aggregator.RunAsync(stop.Token);
        if (_arrival is not null) _port.SetArrivalListener(_arrival.OnArrival);
        StartGreeting();
        var endedByBot = false;
        try
        {
            var first = await Task.WhenAny(input, aggregator).ConfigureAwait(false);
            endedByBot = first == aggregator && await aggregator.ConfigureAwait(false);
            _logger.LogInformation(endedByBot ? "The bot ended the call" : "The caller's media ended");
        }
        finally
        {
            if (_arrival is not null)
            {
                _port.SetArrivalListener(null);
                _arrival.Close();
            }
            _playout.Close();
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var queue in new[] { _userTurns, _agentInput, _sentenceInput, _ttsInput, _outputInput }) queue.Complete();
            foreach (var worker in workers.Append(input).Append(aggregator)) await ObserveAsync(worker).ConfigureAwait(false);
            await _recognizer.DisposeAsync().ConfigureAwait(false);
        }

        return endedByBot;
    }

    private void StartGreeting()
    {
        if (string.IsNullOrWhiteSpace(_agent.Greeting)) return;
        var handle = _turns.Begin(_settings.GreetingInterruptible, string.Empty);
        _playout.Begin(handle);
        _sentenceInput.Enqueue(new AgentTextFrame(handle.Id, _agent.Greeting));
        _sentenceInput.Enqueue(new AgentTurnEndFrame(handle.Id));
    }

    private async Task RunPortEventsAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in _port.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                switch (e)
                {
                    case DtmfPressed dtmf:
                        _logger.LogInformation("Caller pressed {Digit}", dtmf.Digit);
                        _userTurns.Enqueue(new DtmfFrame(_turns.Current?.Id ?? 0, dtmf.Digit));
                        break;
                    case PlaybackCompleted played:
                        _playout.OnPlaybackCompleted(played);
                        break;
                }
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Handling {Event} failed; the call continues", e);
            }
        }
    }

    // The SpeechHandle.Interrupt action: cancel first so producers stop, then flush every queue downstream of the
    // caller, then tell each processor (system lane) in case it holds partial state such as half a sentence.
    private void Interrupt(SpeechHandle handle)
    {
        _playout.Interrupt(handle);
        var dropped = 0;
        foreach (var queue in new[] { _agentInput, _sentenceInput, _ttsInput, _outputInput })
        {
            dropped += queue.Flush(handle.Id);
            queue.Enqueue(new InterruptionFrame(handle.Id));
        }

        _logger.LogDebug("Turn {TurnId} interrupted; {Dropped} queued frames dropped", handle.Id, dropped);
    }

    private void OnSpeechFinished(SpeechHandle handle, SpeechOutcome outcome)
    {
        try
        {
            // Only what the caller heard enters the history, so the agent never believes it said what was cut off.
            if (outcome.TextHeard.Length > 0) _history.Add(ChatRole.Assistant, outcome.TextHeard);
            var metrics = handle.Metrics.Snapshot();
            _logger.LogInformation(
                "Turn {TurnId} {Ending}: said \"{Said}\", heard \"{Heard}\"; response latency {Latency} ms",
                handle.Id,
                outcome.Interrupted ? "interrupted" : "played",
                outcome.TextSaid,
                outcome.TextHeard,
                metrics.ResponseLatency?.TotalMilliseconds);
            _observer.OnTurnCompleted(metrics, handle.UserText, outcome.TextSaid, outcome.TextHeard, outcome.Interrupted);
            if (handle.EndCall && !outcome.Interrupted) _userTurns.Enqueue(new EndCallFrame(handle.Id, handle.TransferTarget));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Recording the end of turn {TurnId} failed", handle.Id);
        }
        finally
        {
            handle.Complete(outcome);
        }
    }

    private async Task ObserveAsync(Task worker)
    {
        try
        {
            await worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            _logger.LogError(e, "A pipeline worker failed");
        }
    }

    private sealed class NullObserver : IConversationObserver
    {
        public static readonly NullObserver Instance = new();

        public void OnTurnCompleted(Metrics.TurnMetrics metrics, string userText, string botTextSaid, string botTextHeard, bool interrupted)
        {
        }

        public void OnBargeIn(BargeInEvent bargeIn)
        {
        }

        public void OnDtmf(char digit)
        {
        }
    }
}
