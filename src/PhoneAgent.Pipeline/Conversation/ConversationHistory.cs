using PhoneAgent.Pipeline.Agents;

namespace PhoneAgent.Pipeline.Conversation;

/// <summary>The call's conversation as the agent sees it: caller messages and only the bot text the caller heard. Thread-safe.</summary>
public sealed class ConversationHistory
{
    private readonly Lock _gate = new();
    private readonly List<ChatMessage> _messages = [];

    /// <summary>Appends a line.</summary>
    public void Add(ChatRole role, string content)
    {
        lock (_gate) _messages.Add(new ChatMessage(role, content));
    }

    /// <summary>A copy of the conversation so far.</summary>
    public IReadOnlyList<ChatMessage> Snapshot()
    {
        lock (_gate) return _messages.ToArray();
    }
}
