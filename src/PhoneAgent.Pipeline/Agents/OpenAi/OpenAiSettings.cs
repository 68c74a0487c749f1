using System.Net;

namespace PhoneAgent.Pipeline.Agents.OpenAi;

/// <summary>The "Agent:OpenAI" configuration section: an OpenAI-compatible chat-completions server.</summary>
public sealed class OpenAiSettings
{
    /// <summary>The default system prompt: short, plain spoken replies, and when to use the call-control tools.</summary>
    public const string DefaultSystemPrompt =
        "You are a friendly assistant answering a telephone call. Reply in one or two short sentences of plain spoken " +
        "English, with no lists, symbols or formatting. When the caller says goodbye, say goodbye and call end_call. " +
        "When the caller asks for a person, say you will put them through and call transfer_call.";

    /// <summary>API base URL (https://api.openai.com/v1, https://api.groq.com/openai/v1, http://localhost:11434/v1 for Ollama).</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    /// <summary>Model name.</summary>
    public string Model { get; set; } = "gpt-4o-mini";

    /// <summary>API key (a secret: supply it from the environment, Agent__OpenAI__ApiKey, not a checked-in file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Instructions sent first in every request.</summary>
    public string SystemPrompt { get; set; } = DefaultSystemPrompt;

    /// <summary>What the bot says on answer; empty to wait for the caller.</summary>
    public string? Greeting { get; set; } = "Hello, how can I help you today?";

    /// <summary>Sampling temperature (0-2), or unset for the server's default.</summary>
    public double? Temperature { get; set; }

    /// <summary>Reply length cap in tokens, or unset for the server's default.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Where the model may transfer callers (SIP URIs or numbers); empty offers no transfer.</summary>
    public List<string> TransferTargets { get; set; } = [];

    /// <summary>Words to pass to the recogniser as hints.</summary>
    public List<string> SpeechHints { get; set; } = [];

    /// <summary>Seconds allowed for each HTTP exchange with the server.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Validates and converts; throws <see cref="ConfigurationException"/> naming the bad key under <paramref name="section"/>.</summary>
    public OpenAiChatAgentOptions ToOptions(string section = "Agent:OpenAI")
    {
        ConfigurationException Bad(string key, string problem) => new($"{section}:{key}", problem);

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw Bad(nameof(BaseUrl), $"'{BaseUrl}' is not an absolute http or https URL");
        }

        if (string.IsNullOrWhiteSpace(Model)) throw Bad(nameof(Model), "must not be empty");
        // Servers on this machine (Ollama, vLLM) usually need no key; a remote one without a key would only fail with a
        // 401 on the first call, long after startup.
        if (string.IsNullOrWhiteSpace(ApiKey) && !IsLoopback(endpoint)) throw Bad(nameof(ApiKey), $"is required for {endpoint.Host}");
        if (Temperature is { } t && (double.IsNaN(t) || t is < 0 or > 2)) throw Bad(nameof(Temperature), $"{t} is outside 0-2");
        if (MaxTokens is < 1 or > 1_000_000) throw Bad(nameof(MaxTokens), $"{MaxTokens} is outside 1-1000000");
        if (double.IsNaN(TimeoutSeconds) || TimeoutSeconds is < 1 or > 600) throw Bad(nameof(TimeoutSeconds), $"{TimeoutSeconds} is outside 1-600 seconds");
        for (var i = 0; i < TransferTargets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(TransferTargets[i])) throw Bad($"{nameof(TransferTargets)}:{i}", "must not be empty");
        }

        return new OpenAiChatAgentOptions
        {
            Endpoint = endpoint,
            Model = Model.Trim(),
            ApiKey = string.IsNullOrWhiteSpace(ApiKey) ? null : ApiKey.Trim(),
            SystemPrompt = string.IsNullOrWhiteSpace(SystemPrompt) ? null : SystemPrompt,
            Greeting = string.IsNullOrWhiteSpace(Greeting) ? null : Greeting.Trim(),
            Temperature = Temperature is { } temperature ? (float)temperature : null,
            MaxTokens = MaxTokens,
            TransferTargets = TransferTargets.Select(x => x.Trim()).ToArray(),
            SpeechHints = SpeechHints.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()).ToArray(),
            NetworkTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
        };
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
