namespace PhoneAgent.Pipeline.Tts;

/// <summary>A "Tts" setting that cannot be used; the message names the full configuration key.</summary>
public sealed class TtsSettingsException(string key, string problem)
    : Exception($"Invalid configuration {key}: {problem}")
{
    /// <summary>The full configuration key, e.g. "Tts:Voice".</summary>
    public string Key { get; } = key;
}
