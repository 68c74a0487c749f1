namespace PhoneAgent.Pipeline.Agents;

/// <summary>What an agent streams back for one turn.</summary>
public abstract record AgentOutput;

/// <summary>A piece of the reply text (a token or more); pieces concatenate to the reply.</summary>
public sealed record AgentText(string Text) : AgentOutput;

/// <summary>The agent wants the call ended once what it said so far has been played.</summary>
public sealed record AgentEndCall : AgentOutput;

/// <summary>The agent wants the caller transferred to <paramref name="Target"/> (a SIP URI or number) once what it said has been played.</summary>
public sealed record AgentTransfer(string Target) : AgentOutput;
