using PhoneAgent.Pipeline.Agents;

namespace PhoneAgent.Pipeline.Frames;

/// <summary>The agent should answer: <paramref name="History"/> ends with the caller's message.</summary>
public sealed record UserTurnFrame(long TurnId, IReadOnlyList<ChatMessage> History) : DataFrame(TurnId);
