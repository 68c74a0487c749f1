using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.Scripted;

namespace PhoneAgent.SphinxBench;

/// <summary>Which of the script's intents the scripted agent answers a transcript with, as ScriptVocabularyTests scores it.</summary>
internal sealed class IntentScoring(string scriptPath)
{
    public const string Fallback = "(fallback)";

    private readonly AgentScript _script = AgentScript.Load(scriptPath);

    public ScriptedAgent Agent { get; } = ScriptedAgent.Load(scriptPath);

    public string IntentOf(string transcript)
    {
        var reply = ReplyAsync(transcript).AsTask().GetAwaiter().GetResult();
        if (_script.Goodbye is { } goodbye && reply == goodbye.Reply) return "goodbye";
        return _script.Intents.FirstOrDefault(i => i.Reply == reply)?.Name ?? Fallback;
    }

    private async ValueTask<string> ReplyAsync(string transcript)
    {
        var reply = new System.Text.StringBuilder();
        await foreach (var output in Agent.RespondAsync([new ChatMessage(ChatRole.User, transcript)], CancellationToken.None))
        {
            if (output is AgentText text) reply.Append(text.Text);
        }

        return reply.ToString();
    }
}
