namespace PhoneAgent.Host.CallRecords;

/// <summary>One exchange of a call: what the caller said and what the bot said back.</summary>
/// <param name="StartedAt">When the caller started speaking (or the bot, for a greeting).</param>
/// <param name="UserTranscript">The caller's final transcript; null for a turn the bot opened.</param>
/// <param name="BotTextSaid">Everything the bot meant to say.</param>
/// <param name="BotTextHeard">What the caller actually heard before any barge-in (equal to <paramref name="BotTextSaid"/> when not interrupted).</param>
/// <param name="Interrupted">True when the caller barged in.</param>
/// <param name="LatencySeconds">Stage latencies in seconds, keyed by <see cref="Metrics.TurnLatencyStage"/>.</param>
public sealed record CallTurn(
    DateTimeOffset StartedAt,
    string? UserTranscript,
    string BotTextSaid,
    string BotTextHeard,
    bool Interrupted,
    IReadOnlyDictionary<string, double> LatencySeconds);
