namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>A validated conversation script (see sip-config/agents/default.yaml for the file format).</summary>
/// <param name="Greeting">What the bot says on answer.</param>
/// <param name="Intents">The one with the most keyword and pattern hits wins; on a tie, the earlier one.</param>
/// <param name="Goodbye">The caller is leaving: reply, then end the call. Loses ties against <paramref name="Intents"/>.</param>
/// <param name="Fallback">What to say when nothing matches.</param>
/// <param name="TransferTarget">Where "transfer" actions send the caller (SIP URI or number), or null if none is allowed.</param>
public sealed record AgentScript(string Greeting, IReadOnlyList<ScriptIntent> Intents, ScriptIntent? Goodbye, ScriptFallback Fallback, string? TransferTarget)
{
    /// <summary>Parses and validates a script written in YAML or JSON.</summary>
    /// <param name="text">The script.</param>
    /// <param name="source">Names the script in error messages (e.g. its file name).</param>
    /// <exception cref="AgentScriptException">The script is malformed; the message names the line and field.</exception>
    public static AgentScript Parse(string text, string source = "script")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new AgentScriptReader(source).Read(text);
    }

    /// <summary>Reads, parses and validates a script file.</summary>
    /// <exception cref="AgentScriptException">The file is missing, unreadable or malformed.</exception>
    public static AgentScript Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new AgentScriptException(path, 0, "(file)", e.Message);
        }

        return Parse(text, path);
    }
}
