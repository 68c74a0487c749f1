using System.Text;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.Scripted;

namespace PhoneAgent.Testing.Agents;

/// <summary>
/// Which of a script's intents its scripted agent answers a transcript with: the name of the intent whose reply the
/// agent gives, "goodbye", or <see cref="Fallback"/>. Scores recognition by what the caller would be told, for the
/// script model's tests and bench/PhoneAgent.SphinxBench.
/// </summary>
public sealed class ScriptIntents(string scriptPath)
{
    /// <summary>What <see cref="IntentOf"/> returns when the agent falls back.</summary>
    public const string Fallback = "(fallback)";

    private readonly AgentScript _script = AgentScript.Load(scriptPath);

    /// <summary>The scripted agent that answers.</summary>
    public ScriptedAgent Agent { get; } = ScriptedAgent.Load(scriptPath);

    /// <summary>The intent the agent's reply to <paramref name="transcript"/> belongs to.</summary>
    public string IntentOf(string transcript)
    {
        var reply = ReplyAsync(transcript).AsTask().GetAwaiter().GetResult();
        if (_script.Goodbye is { } goodbye && reply == goodbye.Reply) return "goodbye";
        return _script.Intents.FirstOrDefault(i => i.Reply == reply)?.Name ?? Fallback;
    }

    private async ValueTask<string> ReplyAsync(string transcript)
    {
        var reply = new StringBuilder();
        await foreach (var output in Agent.RespondAsync([new ChatMessage(ChatRole.User, transcript)], CancellationToken.None))
        {
            if (output is AgentText text) reply.Append(text.Text);
        }

        return reply.ToString();
    }
}
