using System.Text;
using System.Text.Json;
using OpenAI.Chat;

namespace PhoneAgent.Pipeline.Agents.OpenAi;

/// <summary>
/// Reassembles tool calls from a chat-completions stream: the first chunk of a call carries its index, id and name,
/// later chunks carry only the index and a fragment of the JSON arguments.
/// </summary>
internal sealed class StreamedToolCalls
{
    public const string EndCall = "end_call";
    public const string TransferCall = "transfer_call";

    private readonly SortedDictionary<int, (string? Name, StringBuilder Arguments)> _calls = [];

    public void Add(StreamingChatToolCallUpdate update)
    {
        if (!_calls.TryGetValue(update.Index, out var call)) call = (null, new StringBuilder());
        if (!string.IsNullOrEmpty(update.FunctionName)) call.Name = update.FunctionName;
        if (update.FunctionArgumentsUpdate is { } fragment && !fragment.IsEmpty) call.Arguments.Append(fragment.ToString());
        _calls[update.Index] = call;
    }

    /// <summary>
    /// The first call that ends the turn, in the order the model made them. A transfer outside <paramref name="targets"/>
    /// goes to the first of them; without targets, transfer calls are ignored.
    /// </summary>
    public AgentOutput? ToAction(IReadOnlyList<string> targets)
    {
        foreach (var (name, arguments) in _calls.Values)
        {
            if (name == EndCall) return new AgentEndCall();
            if (name == TransferCall && targets.Count > 0)
            {
                var asked = Target(arguments.ToString());
                return new AgentTransfer(targets.FirstOrDefault(t => string.Equals(t, asked, StringComparison.OrdinalIgnoreCase)) ?? targets[0]);
            }
        }

        return null;
    }

    /// <summary>The tool names the model called, for logs.</summary>
    public IEnumerable<string> Names => _calls.Values.Select(c => c.Name ?? "(unnamed)");

    private static string? Target(string arguments)
    {
        try
        {
            using var json = JsonDocument.Parse(arguments.Length == 0 ? "{}" : arguments);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("target", out var target)
                && target.ValueKind == JsonValueKind.String ? target.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
