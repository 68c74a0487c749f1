using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenAI;
using OpenAI.Chat;
using PhoneAgent.Pipeline.Stt;

namespace PhoneAgent.Pipeline.Agents.OpenAi;

/// <summary>
/// An agent backed by any OpenAI-compatible chat-completions server (OpenAI, Groq, Ollama, vLLM). Streams each content
/// delta as it arrives, and turns the model's end_call and transfer_call tool calls into the turn's final action.
/// </summary>
public sealed class OpenAiChatAgent : IAgent
{
    private readonly OpenAiChatAgentOptions _options;
    private readonly ChatClient _client;
    private readonly ChatTool[] _tools;
    private readonly ILogger _logger;

    /// <summary>Creates the agent; no request is made until the first reply.</summary>
    public OpenAiChatAgent(OpenAiChatAgentOptions options, ILogger<OpenAiChatAgent>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Model);
        _options = options;
        _logger = logger ?? NullLogger<OpenAiChatAgent>.Instance;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            NetworkTimeout = options.NetworkTimeout,
            // A caller is waiting on the line: a retry with back-off would be silence; ResilientAgent apologises instead.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var key = string.IsNullOrEmpty(options.ApiKey) ? "no-key" : options.ApiKey;
        _client = new ChatClient(options.Model, new ApiKeyCredential(key), clientOptions);
        _tools = Tools(options.TransferTargets);
    }

    /// <inheritdoc />
    public string Name => "openai";

    /// <inheritdoc />
    public string? Greeting => _options.Greeting;

    /// <inheritdoc />
    public IReadOnlyList<string> SpeechHints => _options.SpeechHints;

    /// <summary>Null: the model may act on anything the caller says, so the recogniser keeps its full vocabulary.</summary>
    public SpeechVocabulary? Vocabulary => null;

    /// <summary>
    /// Always false: every turn waits for the full end-of-turn silence. An open-ended model has no cheap, reliable
    /// judge of completeness: asking the model itself costs a request per partial result (hundreds of milliseconds,
    /// longer than the silence it would save), and the recogniser's partials carry no punctuation, so text rules such as
    /// "ends in a question mark" have nothing to read; a word-count or keyword rule would cut off exactly the longer,
    /// freer requests an LLM is used for. A trained end-of-utterance model (LiveKit's turn detector) is what would do it.
    /// </summary>
    public bool IsCompleteTurn(string transcript) => false;

    /// <summary>
    /// Sends the system prompt and <paramref name="history"/> with the call-control tools; yields each text delta, then
    /// at most one <see cref="AgentEndCall"/> or <see cref="AgentTransfer"/>. HTTP errors surface as
    /// <see cref="ClientResultException"/> from the enumeration.
    /// </summary>
    public async IAsyncEnumerable<AgentOutput> RespondAsync(IReadOnlyList<Agents.ChatMessage> history, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        var request = new ChatCompletionOptions
        {
            Temperature = _options.Temperature,
            MaxOutputTokenCount = _options.MaxTokens,
        };
        foreach (var tool in _tools) request.Tools.Add(tool);

        var calls = new StreamedToolCalls();
        await foreach (var update in _client.CompleteChatStreamingAsync(Messages(history), request, cancellationToken).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                if (!string.IsNullOrEmpty(part.Text)) yield return new AgentText(part.Text);
            }

            foreach (var call in update.ToolCallUpdates) calls.Add(call);
        }

        var action = calls.ToAction(_options.TransferTargets);
        if (action is null && calls.Names.Any()) _logger.LogWarning("Model called unusable tools {Tools}", string.Join(", ", calls.Names));
        if (action is not null) yield return action;
    }

    private List<OpenAI.Chat.ChatMessage> Messages(IReadOnlyList<Agents.ChatMessage> history)
    {
        var messages = new List<OpenAI.Chat.ChatMessage>(history.Count + 1);
        if (!string.IsNullOrWhiteSpace(_options.SystemPrompt)) messages.Add(new SystemChatMessage(_options.SystemPrompt));
        foreach (var line in history)
        {
            // A reply cut off before the caller heard a word leaves an empty line; some servers reject empty content.
            if (string.IsNullOrWhiteSpace(line.Content)) continue;
            messages.Add(line.Role switch
            {
                ChatRole.System => new SystemChatMessage(line.Content),
                ChatRole.User => new UserChatMessage(line.Content),
                ChatRole.Assistant => new AssistantChatMessage(line.Content),
                _ => throw new ArgumentException($"Unknown chat role {line.Role}", nameof(history)),
            });
        }

        return messages;
    }

    private static ChatTool[] Tools(IReadOnlyList<string> transferTargets)
    {
        var endCall = ChatTool.CreateFunctionTool(
            StreamedToolCalls.EndCall,
            "Hang up after your reply. Use it when the caller says goodbye or has nothing more to ask.",
            BinaryData.FromString("""{"type":"object","properties":{}}"""));
        if (transferTargets.Count == 0) return [endCall];
        var parameters = new
        {
            type = "object",
            properties = new { target = new { type = "string", @enum = transferTargets, description = "Who to transfer to." } },
            required = new[] { "target" },
        };
        var transfer = ChatTool.CreateFunctionTool(
            StreamedToolCalls.TransferCall,
            "Transfer the caller to a person after your reply. Use it when the caller asks for a human or you cannot help.",
            BinaryData.FromString(JsonSerializer.Serialize(parameters)));
        return [endCall, transfer];
    }
}
