using PhoneAgent.Pipeline.Metrics;

namespace PhoneAgent.Pipeline.Conversation;

/// <summary>
/// Receives what happens in one call's conversation, for call records and metrics. Called on the pipeline's threads:
/// implementations must be quick and thread-safe; exceptions they throw are logged and ignored.
/// </summary>
public interface IConversationObserver
{
    /// <summary>A bot turn (greeting or reply) ended: played in full or interrupted.</summary>
    /// <param name="metrics">When each stage of the turn happened.</param>
    /// <param name="userText">What the caller said that the turn answers (empty for the greeting; "[DTMF 5]" for a key).</param>
    /// <param name="botTextSaid">Everything the bot synthesised.</param>
    /// <param name="botTextHeard">What the caller heard, which is what entered the agent's history.</param>
    /// <param name="interrupted">Whether the caller barged in.</param>
    void OnTurnCompleted(TurnMetrics metrics, string userText, string botTextSaid, string botTextHeard, bool interrupted);

    /// <summary>The caller spoke over the bot; <see cref="BargeInEvent.Interrupted"/> tells a real interruption from a false one.</summary>
    void OnBargeIn(BargeInEvent bargeIn);

    /// <summary>The caller pressed a key.</summary>
    void OnDtmf(char digit);
}
