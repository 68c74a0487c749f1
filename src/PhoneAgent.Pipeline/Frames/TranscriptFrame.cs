namespace PhoneAgent.Pipeline.Frames;

/// <summary>The recogniser's final text for one caller utterance.</summary>
/// <param name="TurnId">The bot turn current when the result arrived.</param>
/// <param name="Text">The words, possibly empty.</param>
/// <param name="At">When the final result arrived.</param>
public sealed record TranscriptFrame(long TurnId, string Text, DateTimeOffset At) : DataFrame(TurnId);
