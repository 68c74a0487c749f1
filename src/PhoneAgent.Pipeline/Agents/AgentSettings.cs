using PhoneAgent.Pipeline.Agents.OpenAi;

namespace PhoneAgent.Pipeline.Agents;

/// <summary>
/// The "Agent" configuration section, bound from JSON, environment (Agent__Engine) or command line (--Agent:Engine).
/// <see cref="AgentFactory"/> validates it and names the offending key.
/// </summary>
public sealed class AgentSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Agent";

    /// <summary>"scripted" (the built-in script agent) or "openai" (any OpenAI-compatible server).</summary>
    public string Engine { get; set; } = "scripted";

    /// <summary>The scripted agent's YAML or JSON script; a relative path is resolved against the factory's base directory.</summary>
    public string ScriptPath { get; set; } = "sip-config/agents/default.yaml";

    /// <summary>What the bot says when the agent fails or times out.</summary>
    public string Apology { get; set; } = ResilientAgentOptions.DefaultApology;

    /// <summary>Seconds to wait for the first output of a reply before apologising.</summary>
    public double TimeoutSeconds { get; set; } = 8;

    /// <summary>Seconds to wait between outputs of a reply before apologising.</summary>
    public double StallTimeoutSeconds { get; set; } = 5;

    /// <summary>The "Agent:OpenAI" subsection, used when <see cref="Engine"/> is "openai".</summary>
    public OpenAiSettings OpenAI { get; set; } = new();

    /// <summary>Validates the resilience keys and converts them; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public ResilientAgentOptions ToResilientOptions()
    {
        if (double.IsNaN(TimeoutSeconds) || TimeoutSeconds is < 0.1 or > 600) throw Bad(nameof(TimeoutSeconds), $"{TimeoutSeconds} is outside 0.1-600 seconds");
        if (double.IsNaN(StallTimeoutSeconds) || StallTimeoutSeconds is < 0.1 or > 600) throw Bad(nameof(StallTimeoutSeconds), $"{StallTimeoutSeconds} is outside 0.1-600 seconds");
        if (string.IsNullOrWhiteSpace(Apology)) throw Bad(nameof(Apology), "must not be empty");
        return new ResilientAgentOptions
        {
            FirstOutputTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
            StallTimeout = TimeSpan.FromSeconds(StallTimeoutSeconds),
            Apology = Apology.Trim(),
        };
    }

    internal static ConfigurationException Bad(string key, string problem, Exception? inner = null) => new($"{Section}:{key}", problem, inner);
}
