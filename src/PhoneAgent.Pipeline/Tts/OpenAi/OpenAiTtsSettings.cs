namespace PhoneAgent.Pipeline.Tts.OpenAi;

/// <summary>The "Tts:OpenAi" configuration section: where and how to reach an OpenAI-compatible speech server.</summary>
public sealed class OpenAiTtsSettings
{
    /// <summary>The API base URL including its version path, e.g. "https://api.openai.com/v1"; the client appends "/audio/speech".</summary>
    public string BaseUrl { get; set; } = "https://api.openai.com/v1";

    /// <summary>The bearer key sent with every request (any non-empty value for servers that ignore it).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The speech model, e.g. "gpt-4o-mini-tts" or "tts-1".</summary>
    public string Model { get; set; } = "gpt-4o-mini-tts";
}
