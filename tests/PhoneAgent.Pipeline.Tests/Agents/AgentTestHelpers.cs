using PhoneAgent.Pipeline.Agents;

namespace PhoneAgent.Pipeline.Tests.Agents;

internal static class AgentTestHelpers
{
    /// <summary>The checkout root: the nearest directory above the test binaries that holds PhoneAgent.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string DefaultScriptPath => Path.Combine(RepoRoot, "sip-config", "agents", "default.yaml");

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

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PhoneAgent.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"No PhoneAgent.sln above {AppContext.BaseDirectory}");
    }
}
