namespace PhoneAgent.Pipeline.Agents;

/// <summary>Who said a line of the conversation.</summary>
public enum ChatRole
{
    /// <summary>Instructions for the agent.</summary>
    System,

    /// <summary>The caller.</summary>
    User,

    /// <summary>The bot: only what the caller actually heard.</summary>
    Assistant,
}

/// <summary>One line of the conversation.</summary>
public sealed record ChatMessage(ChatRole Role, string Content);
