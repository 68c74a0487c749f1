namespace PhoneAgent.Pipeline.Agents;

/// <summary>An agent setting that cannot be used; the message names the configuration key (e.g. "Agent:OpenAI:BaseUrl").</summary>
public sealed class AgentConfigurationException(string key, string problem, Exception? innerException = null)
    : Exception($"Invalid configuration {key}: {problem}", innerException)
{
    /// <summary>The full configuration key, e.g. "Agent:Engine".</summary>
    public string Key { get; } = key;
}
