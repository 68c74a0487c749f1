using System.ClientModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.OpenAi;
using PhoneAgent.Testing.Agents;
using static PhoneAgent.Pipeline.Tests.Agents.AgentTestHelpers;
using static PhoneAgent.Testing.Agents.FakeChatCompletionsServer;

namespace PhoneAgent.Pipeline.Tests.Agents;

/// <summary>The OpenAI agent against an in-test server speaking the chat-completions streaming protocol.</summary>
public sealed class OpenAiChatAgentTests
{
    private const string Desk = "sip:desk@127.0.0.1";

    private static OpenAiChatAgent Agent(FakeChatCompletionsServer server, string[]? targets = null) => new(new OpenAiChatAgentOptions
    {
        Endpoint = server.BaseUrl,
        Model = "test-model",
        ApiKey = "test-key",
        SystemPrompt = "You answer the phone.",
        Greeting = "Hello.",
        Temperature = 0.2f,
        MaxTokens = 80,
        TransferTargets = targets ?? [Desk, "sip:manager@127.0.0.1"],
    });

    [Fact]
    public async Task Streams_each_content_delta_as_text()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendAsync(context, new { role = "assistant", content = "" });
            foreach (var piece in new[] { "We", " open", " at", " nine." }) await SendTextAsync(context, piece);
            await EndStreamAsync(context, "stop");
        });
        var agent = Agent(server);

        var outputs = await CollectAsync(agent, Caller("when do you open")).WaitAsync(Bound);

        Assert.Equal(["We", " open", " at", " nine."], outputs.Cast<AgentText>().Select(t => t.Text));
        Assert.Equal("openai", agent.Name);
        Assert.Equal("Hello.", agent.Greeting);
    }

    [Fact]
    public async Task End_call_tool_split_across_chunks_ends_the_call_after_the_text()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendTextAsync(context, "Goodbye!");
            await SendToolCallAsync(context, 0, "end_call", "");
            await SendToolCallAsync(context, 0, null, "{");
            await SendToolCallAsync(context, 0, null, "}");
            await EndStreamAsync(context, "tool_calls");
        });

        var outputs = await CollectAsync(Agent(server), Caller("bye")).WaitAsync(Bound);

        Assert.Equal([new AgentText("Goodbye!"), new AgentEndCall()], outputs);
    }

    [Theory]
    [InlineData("sip:manager@127.0.0.1", "sip:manager@127.0.0.1")]
    [InlineData("sip:premium@198.51.100.7", Desk)]
    public async Task Transfer_tool_arguments_are_reassembled_and_held_to_the_allowed_targets(string asked, string expected)
    {
        var arguments = JsonSerializer.Serialize(new { target = asked });
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendTextAsync(context, "Putting you through.");
            await SendToolCallAsync(context, 0, "transfer_call", "");
            for (var i = 0; i < arguments.Length; i += 5) await SendToolCallAsync(context, 0, null, arguments.Substring(i, Math.Min(5, arguments.Length - i)));
            await EndStreamAsync(context, "tool_calls");
        });

        var outputs = await CollectAsync(Agent(server), Caller("a person please")).WaitAsync(Bound);

        Assert.Equal([new AgentText("Putting you through."), new AgentTransfer(expected)], outputs);
    }

    [Fact]
    public async Task Without_transfer_targets_no_transfer_tool_is_offered_or_obeyed()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendToolCallAsync(context, 0, "transfer_call", """{"target":"sip:x@127.0.0.1"}""");
            await EndStreamAsync(context, "tool_calls");
        });

        var outputs = await CollectAsync(Agent(server, targets: []), Caller("a person please")).WaitAsync(Bound);

        Assert.Empty(outputs);
        var tools = (await server.FirstRequest).GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["end_call"], tools);
    }

    [Fact]
    public async Task Request_carries_model_system_prompt_history_options_and_tools()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendTextAsync(context, "Fine.");
            await EndStreamAsync(context, "stop");
        });
        var history = new List<ChatMessage>
        {
            new(ChatRole.Assistant, "Hello."),
            new(ChatRole.User, "what time is it"),
            new(ChatRole.Assistant, ""),
            new(ChatRole.User, "hello?"),
        };

        await CollectAsync(Agent(server), history).WaitAsync(Bound);

        var (path, authorization, body) = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", path);
        Assert.Equal("Bearer test-key", authorization);
        Assert.Equal("test-model", body.GetProperty("model").GetString());
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.Equal(0.2, body.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(80, body.GetProperty("max_completion_tokens").GetInt32());
        var messages = body.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString(), Content(m.GetProperty("content"))))
            .ToArray();
        // The empty assistant line (a reply cut off before a word was heard) is left out.
        Assert.Equal([("system", "You answer the phone."), ("assistant", "Hello."), ("user", "what time is it"), ("user", "hello?")], messages);
        var tools = body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function")).ToArray();
        Assert.Equal(["end_call", "transfer_call"], tools.Select(t => t.GetProperty("name").GetString()));
        var target = tools[1].GetProperty("parameters").GetProperty("properties").GetProperty("target");
        Assert.Equal([Desk, "sip:manager@127.0.0.1"], target.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Http_error_surfaces_as_an_exception()
    {
        await using var server = await StartAsync(async context =>
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "boom", type = "server_error" } });
        });

        var e = await Assert.ThrowsAsync<ClientResultException>(() => CollectAsync(Agent(server), Caller("hi")).WaitAsync(Bound));

        Assert.Equal(500, e.Status);
        Assert.Single(server.Requests);
    }

    // The SDK sends plain-text content either as a string or as an array of text parts.
    private static string? Content(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()
        : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
}
