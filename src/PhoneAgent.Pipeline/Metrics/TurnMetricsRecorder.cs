namespace PhoneAgent.Pipeline.Metrics;

/// <summary>Collects one turn's <see cref="TurnMetrics"/> as its stages happen on different processors; each stamp is kept once. Thread-safe.</summary>
public sealed class TurnMetricsRecorder(long turnId, TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _callerSpeechEnded;
    private DateTimeOffset? _sttFinal;
    private DateTimeOffset? _agentFirstToken;
    private DateTimeOffset? _ttsFirstAudio;
    private DateTimeOffset? _firstAudioOnWire;

    /// <summary>Records when the caller stopped speaking and when the final transcript arrived.</summary>
    public void CallerTurn(DateTimeOffset? speechEndedAt, DateTimeOffset? sttFinalAt)
    {
        lock (_gate)
        {
            _callerSpeechEnded ??= speechEndedAt;
            _sttFinal ??= sttFinalAt;
        }
    }

    /// <summary>Stamps the agent's first token, if not yet stamped.</summary>
    public void AgentFirstToken() => Stamp(ref _agentFirstToken);

    /// <summary>Stamps the first synthesised audio, if not yet stamped.</summary>
    public void TtsFirstAudio() => Stamp(ref _ttsFirstAudio);

    /// <summary>Stamps the first audio on the wire, if not yet stamped.</summary>
    public void FirstAudioOnWire() => Stamp(ref _firstAudioOnWire);

    /// <summary>The stamps so far.</summary>
    public TurnMetrics Snapshot()
    {
        lock (_gate) return new TurnMetrics(turnId, _callerSpeechEnded, _sttFinal, _agentFirstToken, _ttsFirstAudio, _firstAudioOnWire);
    }

    private void Stamp(ref DateTimeOffset? field)
    {
        lock (_gate) field ??= time.GetUtcNow();
    }
}
