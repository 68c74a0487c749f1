namespace PhoneAgent.Pipeline.Stt;

/// <summary>The "Stt:OpenAi" configuration section, bound from configuration and validated by <see cref="SpeechToTextFactory"/>.</summary>
public sealed class SttOpenAiSettings
{
    /// <summary>The API base including the version path, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The transcription model, e.g. <c>whisper-1</c>.</summary>
    public string? Model { get; set; }

    /// <summary>The bearer key (a secret: supply it from the environment or a secret store, not a checked-in file).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Seconds one utterance's request may take before its final is given up as empty.</summary>
    public double TimeoutSeconds { get; set; } = 10;
}
