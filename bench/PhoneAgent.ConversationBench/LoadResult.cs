namespace PhoneAgent.ConversationBench;

/// <summary>One step of the concurrency ramp.</summary>
/// <param name="Calls">Calls placed.</param>
/// <param name="Connected">Calls the bot answered whose packets reached the caller during the window.</param>
/// <param name="JitterP50">Median send jitter over every call's packets in the window, ms.</param>
/// <param name="JitterP99">99th percentile of the same, ms.</param>
/// <param name="WorstCallP99">The highest per-call 99th percentile, ms: the pass criterion.</param>
/// <param name="CallsOverLimit">Calls whose own 99th percentile was above the limit.</param>
/// <param name="Expected">Bot packets the callers should have received in the window (received plus sequence gaps).</param>
/// <param name="Lost">Sequence gaps in the window.</param>
/// <param name="BotCpuPercent">The host's CPU over the window, % of one core.</param>
/// <param name="BenchCpuPercent">This process's CPU (the callers), % of one core.</param>
/// <param name="Turns">Questions whose speech ended in the window.</param>
/// <param name="Unanswered">Of those, questions the bot did not answer within the reply timeout.</param>
/// <param name="VoiceToVoiceP50">Median voice-to-voice latency of those turns, ms.</param>
/// <param name="VoiceToVoiceP95">95th percentile of it, ms.</param>
/// <param name="BargeInP95">95th percentile barge-in latency of those turns, ms.</param>
/// <param name="LoadAverage">The machine's 1-minute load average at the start and end of the window.</param>
/// <param name="ResidentMegabytes">The host's resident memory at the end of the window, MiB.</param>
internal sealed record LoadResult(
    int Calls,
    int Connected,
    double JitterP50,
    double JitterP99,
    double WorstCallP99,
    int CallsOverLimit,
    long Expected,
    long Lost,
    double BotCpuPercent,
    double BenchCpuPercent,
    int Turns,
    int Unanswered,
    double VoiceToVoiceP50,
    double VoiceToVoiceP95,
    double BargeInP95,
    string LoadAverage,
    double ResidentMegabytes);
