using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Metrics;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Metrics;

namespace PhoneAgent.Host.Conversation;

/// <summary>
/// Writes what a call's conversation did into its call record (and through it the turn metrics): each turn with what
/// the caller said, what the bot said and what the caller actually heard, and the stage latencies.
/// </summary>
public sealed class CallRecordObserver(CallSession? session, ILogger logger) : IConversationObserver
{
    /// <inheritdoc />
    public void OnTurnCompleted(TurnMetrics metrics, string userText, string botTextSaid, string botTextHeard, bool interrupted)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var latencies = Latencies(metrics);
        logger.LogInformation(
            "Turn {TurnId}: caller \"{User}\" -> bot \"{Heard}\"{Interrupted}; latency {Latency} ms",
            metrics.TurnId, userText, botTextHeard, interrupted ? " (interrupted)" : string.Empty,
            latencies.TryGetValue(TurnLatencyStage.Total, out var total) ? Math.Round(total * 1000) : double.NaN);
        var started = metrics.CallerSpeechEndedAt ?? metrics.AgentFirstTokenAt ?? metrics.TtsFirstAudioAt ?? metrics.FirstAudioOnWireAt ?? DateTimeOffset.MinValue;
        session?.AddTurn(new CallTurn(started, userText.Length == 0 ? null : userText, botTextSaid, botTextHeard, interrupted, latencies));
    }

    /// <inheritdoc />
    public void OnBargeIn(BargeInEvent bargeIn)
    {
        ArgumentNullException.ThrowIfNull(bargeIn);
        logger.LogInformation(
            "Barge-in on turn {TurnId}: {Kind} {Milliseconds} ms after the onset",
            bargeIn.TurnId, bargeIn.Interrupted ? "interrupted" : "resumed", (bargeIn.DecidedAt - bargeIn.OnsetAt).TotalMilliseconds);
    }

    /// <inheritdoc />
    public void OnDtmf(char digit) => logger.LogInformation("Caller pressed {Digit}", digit);

    /// <summary>The stage latencies of a turn in seconds, keyed by <see cref="TurnLatencyStage"/>; stages that did not happen are left out.</summary>
    public static Dictionary<string, double> Latencies(TurnMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var result = new Dictionary<string, double>();
        Add(result, TurnLatencyStage.Stt, metrics.CallerSpeechEndedAt, metrics.SttFinalAt);
        Add(result, TurnLatencyStage.Agent, metrics.SttFinalAt, metrics.AgentFirstTokenAt);
        Add(result, TurnLatencyStage.Tts, metrics.AgentFirstTokenAt, metrics.TtsFirstAudioAt);
        Add(result, TurnLatencyStage.Total, metrics.CallerSpeechEndedAt, metrics.FirstAudioOnWireAt);
        return result;
    }

    private static void Add(Dictionary<string, double> result, string stage, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } start && to is { } end && end >= start) result[stage] = (end - start).TotalSeconds;
    }
}
