namespace PhoneAgent.Pipeline.Conversation;

/// <summary>The caller spoke over the bot.</summary>
/// <param name="TurnId">The bot turn that was playing or being prepared.</param>
/// <param name="OnsetAt">When the fast detector heard the onset and playback was paused.</param>
/// <param name="DecidedAt">When the onset was confirmed as speech or rejected as noise.</param>
/// <param name="Interrupted">True: the turn was interrupted. False: a false interruption; playback resumed.</param>
public sealed record BargeInEvent(long TurnId, DateTimeOffset OnsetAt, DateTimeOffset DecidedAt, bool Interrupted);
