using System.Collections.Concurrent;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Metrics;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

public sealed class RecordingObserver(Signal signal) : IConversationObserver
{
    private readonly ConcurrentQueue<CompletedTurn> _turns = new();
    private readonly ConcurrentQueue<BargeInEvent> _bargeIns = new();
    private readonly ConcurrentQueue<char> _digits = new();

    public IReadOnlyList<CompletedTurn> Turns => _turns.ToArray();

    public IReadOnlyList<BargeInEvent> BargeIns => _bargeIns.ToArray();

    public IReadOnlyList<char> Digits => _digits.ToArray();

    public void OnTurnCompleted(TurnMetrics metrics, string userText, string botTextSaid, string botTextHeard, bool interrupted)
    {
        _turns.Enqueue(new CompletedTurn(metrics, userText, botTextSaid, botTextHeard, interrupted));
        signal.Pulse();
    }

    public void OnBargeIn(BargeInEvent bargeIn)
    {
        _bargeIns.Enqueue(bargeIn);
        signal.Pulse();
    }

    public void OnDtmf(char digit)
    {
        _digits.Enqueue(digit);
        signal.Pulse();
    }

    public sealed record CompletedTurn(TurnMetrics Metrics, string UserText, string Said, string Heard, bool Interrupted);
}
