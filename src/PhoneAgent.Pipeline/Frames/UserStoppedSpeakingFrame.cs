namespace PhoneAgent.Pipeline.Frames;

/// <summary>The caller's turn ended: the end-of-turn silence has passed.</summary>
/// <param name="TurnId">The bot turn current when the caller stopped.</param>
/// <param name="SpeechEndedAt">When the caller's last speech frame was heard (the start of the silence).</param>
public sealed record UserStoppedSpeakingFrame(long TurnId, DateTimeOffset SpeechEndedAt) : SystemFrame(TurnId);
