namespace PhoneAgent.Pipeline.Frames;

/// <summary>All audio of the sentence <paramref name="Text"/> has been synthesised (possibly none, if synthesis failed).</summary>
public sealed record TtsSentenceEndFrame(long TurnId, string Text) : DataFrame(TurnId);
