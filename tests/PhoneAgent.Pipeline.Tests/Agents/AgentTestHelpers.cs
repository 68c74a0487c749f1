using PhoneAgent.Pipeline.Agents;

namespace PhoneAgent.Pipeline.Tests.Agents;

internal static class AgentTestHelpers
{
    /// <summary>Bounds every wait on real I/O so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public static IReadOnlyList<ChatMessage> Caller(params string[] turns) => turns.Select(t => new ChatMessage(ChatRole.User, t)).ToArray();

    public static async Task<List<AgentOutput>> CollectAsync(IAgent agent, IReadOnlyList<ChatMessage> history, CancellationToken cancellationToken = default)
    {
        var outputs = new List<AgentOutput>();
        await foreach (var output in agent.RespondAsync(history, cancellationToken).WithCancellation(cancellationToken)) outputs.Add(output);
        return outputs;
    }

    public static string Text(IEnumerable<AgentOutput> outputs) => string.Concat(outputs.OfType<AgentText>().Select(t => t.Text));
}
