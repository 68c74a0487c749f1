namespace PhoneAgent.Pipeline.Agents;

/// <summary>How long <see cref="ResilientAgent"/> waits for an agent and what it says when the agent lets the caller down.</summary>
public sealed record ResilientAgentOptions
{
    /// <summary>The default apology.</summary>
    public const string DefaultApology = "Sorry, I'm having trouble right now. Could you say that again?";

    /// <summary>Longest wait for the first output of a reply (time to first token).</summary>
    public TimeSpan FirstOutputTimeout { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Longest wait between two outputs once the reply has started.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Said instead of (or after the part already streamed of) a reply that failed or timed out.</summary>
    public string Apology { get; init; } = DefaultApology;
}
