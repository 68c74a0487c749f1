namespace PhoneAgent.Host.Metrics;

/// <summary>The <c>stage</c> label values of <c>phoneagent_turn_latency_seconds</c>, also the keys of a turn's latencies in call.json.</summary>
public static class TurnLatencyStage
{
    /// <summary>End of the caller's speech (VAD) to the final transcript.</summary>
    public const string Stt = "stt";

    /// <summary>Final transcript to the agent's first text.</summary>
    public const string Agent = "agent";

    /// <summary>The agent's first text to the first synthesized audio.</summary>
    public const string Tts = "tts";

    /// <summary>End of the caller's speech to the first bot audio sent: what the caller waits.</summary>
    public const string Total = "total";
}
