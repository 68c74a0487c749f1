namespace PhoneAgent.Pipeline.Metrics;

/// <summary>
/// When each stage of one bot turn happened, read from the pipeline's <see cref="TimeProvider"/>. A stage that did
/// not happen (a greeting has no caller speech; an interrupted turn may never reach the wire) is null.
/// </summary>
/// <param name="TurnId">The bot turn.</param>
/// <param name="CallerSpeechEndedAt">The caller's last speech frame, before the end-of-turn silence.</param>
/// <param name="SttFinalAt">The recogniser's final result for the caller's utterance.</param>
/// <param name="AgentFirstTokenAt">The agent's first piece of reply text.</param>
/// <param name="TtsFirstAudioAt">The first synthesised audio of the reply.</param>
/// <param name="FirstAudioOnWireAt">The first time the port's playback position moved after the reply's first audio was queued.</param>
public sealed record TurnMetrics(
    long TurnId,
    DateTimeOffset? CallerSpeechEndedAt,
    DateTimeOffset? SttFinalAt,
    DateTimeOffset? AgentFirstTokenAt,
    DateTimeOffset? TtsFirstAudioAt,
    DateTimeOffset? FirstAudioOnWireAt)
{
    /// <summary>From the end of the caller's speech to the first bot audio on the wire: the delay the caller perceives.</summary>
    public TimeSpan? ResponseLatency => FirstAudioOnWireAt - CallerSpeechEndedAt;
}
