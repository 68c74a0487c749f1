namespace PhoneAgent.Pipeline;

/// <summary>
/// A configuration value that cannot be used. One type for every layer (engines in the pipeline, the host's own
/// settings) so that whoever starts the process reports any bad value the same way: by its full key.
/// </summary>
public sealed class ConfigurationException(string key, string problem, Exception? innerException = null)
    : Exception($"Invalid configuration {key}: {problem}", innerException)
{
    /// <summary>The process exit code for bad configuration.</summary>
    public const int ExitCode = 2;

    /// <summary>The full configuration key, e.g. "Stt:Engine" or "Sip:Port".</summary>
    public string Key { get; } = key;
}
