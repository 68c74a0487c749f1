using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Agents.OpenAi;
using PhoneAgent.Pipeline.Agents.Scripted;

namespace PhoneAgent.Pipeline.Agents;

/// <summary>Builds the configured agent, wrapped in a <see cref="ResilientAgent"/> so a failing agent never drops a call.</summary>
public static class AgentFactory
{
    /// <summary>The engine names <see cref="AgentSettings.Engine"/> accepts.</summary>
    public static IReadOnlyList<string> Engines { get; } = ["scripted", "openai"];

    /// <summary>
    /// Validates <paramref name="settings"/> and creates the agent. A scripted agent's script is loaded and checked now,
    /// so a bad script stops startup rather than the first call.
    /// </summary>
    /// <param name="settings">The bound "Agent" section.</param>
    /// <param name="baseDirectory">What a relative <see cref="AgentSettings.ScriptPath"/> is relative to (the content root).</param>
    /// <param name="timeProvider">Clock for the reply timeouts.</param>
    /// <param name="loggerFactory">Logs failures and timeouts.</param>
    /// <exception cref="ConfigurationException">A setting or the script is unusable; the message names the key.</exception>
    public static IAgent Create(AgentSettings settings, string baseDirectory, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var resilience = settings.ToResilientOptions();
        IAgent inner = settings.Engine?.Trim().ToLowerInvariant() switch
        {
            "scripted" => Scripted(settings, baseDirectory),
            "openai" => new OpenAiChatAgent(settings.OpenAI.ToOptions($"{AgentSettings.Section}:{nameof(AgentSettings.OpenAI)}"), loggerFactory.CreateLogger<OpenAiChatAgent>()),
            _ => throw AgentSettings.Bad(nameof(AgentSettings.Engine), $"unknown engine '{settings.Engine}' (expected one of: {string.Join(", ", Engines)})"),
        };
        return new ResilientAgent(inner, resilience, timeProvider, loggerFactory.CreateLogger<ResilientAgent>());
    }

    private static ScriptedAgent Scripted(AgentSettings settings, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(settings.ScriptPath)) throw AgentSettings.Bad(nameof(AgentSettings.ScriptPath), "must not be empty");
        var path = Path.GetFullPath(settings.ScriptPath, Path.GetFullPath(baseDirectory));
        if (!File.Exists(path)) throw AgentSettings.Bad(nameof(AgentSettings.ScriptPath), $"no script at {path}");
        try
        {
            return ScriptedAgent.Load(path);
        }
        catch (AgentScriptException e)
        {
            throw AgentSettings.Bad(nameof(AgentSettings.ScriptPath), e.Message, e);
        }
    }
}
