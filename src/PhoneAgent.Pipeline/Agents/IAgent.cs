using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Agents;

/// <summary>The conversational brain: the caller's words in, a streamed reply out. One instance may serve many calls.</summary>
public interface IAgent
{
    /// <summary>A short name for logs ("scripted", "openai").</summary>
    string Name { get; }

    /// <summary>What the bot says when the call is answered, or null to wait for the caller.</summary>
    string? Greeting { get; }

    /// <summary>Words the agent expects to hear, passed to the recogniser as hints.</summary>
    IReadOnlyList<string> SpeechHints { get; }

    /// <summary>
    /// Whether the caller's words so far (a recogniser's partial result, lower case and without punctuation) already
    /// form a turn this agent can answer, so the turn may end after the short
    /// <see cref="Turns.TurnDetectorSettings.CompleteTurnSilence"/>. Called for every partial result, so it must be
    /// quick and must not block; answer false when unsure, which keeps the full end-of-turn silence.
    /// </summary>
    bool IsCompleteTurn(string transcript);

    /// <summary>
    /// Every word the agent can act on, when that is a closed set (a script), so the recogniser may search only
    /// those; null when anything the caller says may matter (a language model).
    /// </summary>
    SpeechVocabulary? Vocabulary { get; }

    /// <summary>
    /// Streams the reply to the last user message in <paramref name="history"/>. Cancelling the token (barge-in) stops
    /// the stream promptly. Failures surface as exceptions from the enumeration; the pipeline apologises and keeps the call.
    /// </summary>
    IAsyncEnumerable<AgentOutput> RespondAsync(IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken);
}
