using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>
/// An agent that plays scripted replies, one per turn. A script step is an <see cref="AgentOutput"/> to yield, a
/// <see cref="TimeSpan"/> to wait on the virtual clock, a <see cref="Task"/> to wait for (a gate the test opens), or
/// an <see cref="Exception"/> to throw.
/// </summary>
public sealed class FakeAgent(TimeProvider time, Signal signal) : IAgent
{
    private readonly ConcurrentQueue<object[]> _replies = new();
    private readonly ConcurrentQueue<IReadOnlyList<ChatMessage>> _histories = new();

    public string Name => "fake-agent";

    public string? Greeting { get; set; }

    public IReadOnlyList<string> SpeechHints { get; } = ["yes", "no"];

    /// <summary>Partial transcripts this agent judges complete turns.</summary>
    public HashSet<string> CompleteTurns { get; } = [];

    public bool IsCompleteTurn(string transcript)
    {
        lock (CompleteTurns) return CompleteTurns.Contains(transcript);
    }

    public SpeechVocabulary? Vocabulary => null;

    /// <summary>The history of every call to <see cref="RespondAsync"/>, in order.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Histories => _histories.ToArray();

    public bool Cancelled { get; private set; }

    public void WillReply(params object[] script) => _replies.Enqueue(script);

    private async Task Wait(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            Cancelled = true;
            signal.Pulse();
            throw;
        }
    }

    public async IAsyncEnumerable<AgentOutput> RespondAsync(IReadOnlyList<ChatMessage> history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _histories.Enqueue(history);
        signal.Pulse();
        if (!_replies.TryDequeue(out var script)) yield break;
        foreach (var step in script)
        {
            Cancelled |= cancellationToken.IsCancellationRequested;
            switch (step)
            {
                case AgentOutput output:
                    signal.Pulse();
                    yield return output;
                    break;
                case TimeSpan delay:
                    await Wait(Task.Delay(delay, time, cancellationToken));
                    break;
                case Task gate:
                    await Wait(gate.WaitAsync(cancellationToken));
                    break;
                case Exception e:
                    throw e;
            }
        }
    }
}
