namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>A script that cannot be used; the message names the source, the line and the field at fault.</summary>
public sealed class AgentScriptException(string source, int line, string field, string problem)
    : Exception(line > 0 ? $"{source} line {line}: {field}: {problem}" : $"{source}: {field}: {problem}")
{
    /// <summary>Where the script came from (a file path or a name given by the caller).</summary>
    public string ScriptSource { get; } = source;

    /// <summary>The 1-based line of the offending node, or 0 when the problem is the script as a whole.</summary>
    public int Line { get; } = line;

    /// <summary>The path of the offending field, e.g. "intents[2].regex".</summary>
    public string Field { get; } = field;
}
