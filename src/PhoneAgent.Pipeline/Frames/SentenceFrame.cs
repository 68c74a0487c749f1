namespace PhoneAgent.Pipeline.Frames;

/// <summary>A sentence or clause of the reply, ready for synthesis.</summary>
public sealed record SentenceFrame(long TurnId, string Text) : DataFrame(TurnId);
