namespace PhoneAgent.Pipeline.Agents.OpenAi;

/// <summary>How <see cref="OpenAiChatAgent"/> reaches an OpenAI-compatible chat-completions server and what it asks.</summary>
public sealed record OpenAiChatAgentOptions
{
    /// <summary>The API base URL, ending before "/chat/completions" (https://api.openai.com/v1, http://localhost:11434/v1, ...).</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The model name as the server knows it.</summary>
    public required string Model { get; init; }

    /// <summary>Sent as the bearer token; servers without authentication (Ollama, a local vLLM) accept any value.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The first message of every request, or null for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>What the bot says on answer, or null to wait for the caller.</summary>
    public string? Greeting { get; init; }

    /// <summary>Sampling temperature, or null for the server's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Cap on the reply length in tokens, or null for the server's default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>
    /// Where the model may transfer callers; the first is used when it names none of them. Empty: no transfer tool is
    /// offered. A closed list because a caller can talk a model into anything, including dialling a premium number.
    /// </summary>
    public IReadOnlyList<string> TransferTargets { get; init; } = [];

    /// <summary>Words to pass to the recogniser as hints.</summary>
    public IReadOnlyList<string> SpeechHints { get; init; } = [];

    /// <summary>Limit on each HTTP exchange with the server (the SDK's network timeout).</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
