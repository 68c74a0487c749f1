namespace PhoneAgent.Host;

/// <summary>A configuration value that cannot be used; the message names the key.</summary>
public sealed class ConfigurationException(string key, string problem)
    : Exception($"Invalid configuration {key}: {problem}")
{
    /// <summary>The process exit code for bad configuration.</summary>
    public const int ExitCode = 2;

    /// <summary>The full configuration key, e.g. "Sip:Port".</summary>
    public string Key { get; } = key;
}
