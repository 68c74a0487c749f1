namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>What the scripted agent says when no intent matches.</summary>
/// <param name="Reply">Said for each unmatched turn before the limit.</param>
/// <param name="MaxAttempts">After this many unmatched turns in a row, <paramref name="FinalReply"/> and <paramref name="Then"/> apply.</param>
/// <param name="Then">End the call or transfer once the limit is reached.</param>
/// <param name="FinalReply">Said when the limit is reached.</param>
public sealed record ScriptFallback(string Reply, int MaxAttempts, ScriptAction Then, string FinalReply);
