namespace PhoneAgent.Pipeline.Frames;

/// <summary>A streamed piece of the bot's reply (a token or more), or a whole scripted text such as the greeting.</summary>
public sealed record AgentTextFrame(long TurnId, string Text) : DataFrame(TurnId);
