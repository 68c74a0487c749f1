namespace PhoneAgent.Pipeline.Stt;

/// <summary>An <see cref="SttSettings"/> value that cannot be used; the message names the configuration key.</summary>
public sealed class SttConfigurationException(string key, string problem)
    : Exception($"Invalid configuration {key}: {problem}")
{
    /// <summary>The full configuration key, e.g. "Stt:Engine".</summary>
    public string Key { get; } = key;
}
