namespace PhoneAgent.Pipeline.Frames;

/// <summary>The caller's speech was confirmed (longer than the minimum speech duration).</summary>
/// <param name="TurnId">The bot turn current when the caller started.</param>
/// <param name="At">When the speech onset was detected.</param>
public sealed record UserStartedSpeakingFrame(long TurnId, DateTimeOffset At) : SystemFrame(TurnId);
