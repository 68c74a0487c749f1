using Microsoft.AspNetCore.Http;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Agents.OpenAi;
using PhoneAgent.Pipeline.Agents.Scripted;
using PhoneAgent.Testing;
using PhoneAgent.Testing.Agents;
using static PhoneAgent.Pipeline.Tests.Agents.AgentTestHelpers;
using static PhoneAgent.Testing.Agents.FakeChatCompletionsServer;

namespace PhoneAgent.Pipeline.Tests.Agents;

/// <summary>
/// The resilience decorator around the real OpenAI agent and an in-test server. Timeouts run on virtual time: the
/// server holds its response open and the test advances the clock, so nothing sleeps.
/// </summary>
public sealed class ResilientAgentTests
{
    private static readonly ResilientAgentOptions Options = new()
    {
        FirstOutputTimeout = TimeSpan.FromSeconds(5),
        StallTimeout = TimeSpan.FromSeconds(2),
    };

    private readonly ManualTimeProvider _time = new();

    private ResilientAgent Wrap(FakeChatCompletionsServer server, ResilientAgentOptions? options = null) => new(
        new OpenAiChatAgent(new OpenAiChatAgentOptions { Endpoint = server.BaseUrl, Model = "test-model" }),
        options ?? Options,
        _time);

    // Holds the response open until the client goes away.
    private static async Task HoldAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [Fact]
    public async Task No_first_output_in_time_gives_the_apology_and_cancels_the_request()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await HoldAsync(context);
        });
        await using var reply = Wrap(server).RespondAsync(Caller("hello"), CancellationToken.None).GetAsyncEnumerator();

        var move = reply.MoveNextAsync().AsTask();
        await server.FirstRequest.WaitAsync(Bound);
        _time.Advance(Options.FirstOutputTimeout);

        Assert.True(await move.WaitAsync(Bound));
        Assert.Equal(new AgentText(ResilientAgentOptions.DefaultApology), reply.Current);
        Assert.False(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
        await server.RequestAborted.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_late_but_timely_start_streams_and_a_stall_afterwards_appends_the_apology()
    {
        var sendFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await sendFirst.Task;
            await SendTextAsync(context, "Our hours");
            await HoldAsync(context);
        });
        await using var reply = Wrap(server).RespondAsync(Caller("hours"), CancellationToken.None).GetAsyncEnumerator();

        var first = reply.MoveNextAsync().AsTask();
        await server.FirstRequest.WaitAsync(Bound);
        _time.Advance(Options.FirstOutputTimeout - TimeSpan.FromMilliseconds(100));
        sendFirst.SetResult();
        Assert.True(await first.WaitAsync(Bound));
        Assert.Equal(new AgentText("Our hours"), reply.Current);

        var second = reply.MoveNextAsync().AsTask();
        _time.Advance(Options.StallTimeout);

        Assert.True(await second.WaitAsync(Bound));
        Assert.Equal(new AgentText(" " + ResilientAgentOptions.DefaultApology), reply.Current);
        Assert.False(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
        await server.RequestAborted.WaitAsync(Bound);
    }

    [Fact]
    public async Task Time_the_consumer_spends_on_an_output_is_not_a_stall()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendTextAsync(context, "One.");
            await SendTextAsync(context, " Two.");
            await EndStreamAsync(context, "stop");
        });
        var outputs = new List<AgentOutput>();

        await foreach (var output in Wrap(server).RespondAsync(Caller("count"), CancellationToken.None))
        {
            outputs.Add(output);
            _time.Advance(Options.FirstOutputTimeout * 3);
        }

        Assert.Equal([new AgentText("One."), new AgentText(" Two.")], outputs);
    }

    [Fact]
    public async Task Http_500_gives_the_apology()
    {
        await using var server = await StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });

        var outputs = await CollectAsync(Wrap(server), Caller("hello")).WaitAsync(Bound);

        Assert.Equal([new AgentText(ResilientAgentOptions.DefaultApology)], outputs);
    }

    [Fact]
    public async Task A_connection_lost_mid_reply_keeps_the_text_and_appends_a_configured_apology()
    {
        var drop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendTextAsync(context, "We are open ");
            // Reset only once the client has the text: a reset discards data still unread in the client's socket.
            await drop.Task;
            context.Abort();
        });
        var options = Options with { Apology = "Pardon me, could you repeat that?" };
        await using var reply = Wrap(server, options).RespondAsync(Caller("hours"), CancellationToken.None).GetAsyncEnumerator();

        Assert.True(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(new AgentText("We are open "), reply.Current);
        drop.SetResult();

        Assert.True(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
        Assert.Equal(new AgentText("Pardon me, could you repeat that?"), reply.Current);
        Assert.False(await reply.MoveNextAsync().AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_malformed_chunk_mid_reply_appends_the_apology()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await SendTextAsync(context, "We are");
            await context.Response.WriteAsync("data: {\"choices\": [ oops\n\n");
        });

        var outputs = await CollectAsync(Wrap(server), Caller("hours")).WaitAsync(Bound);

        Assert.Equal([new AgentText("We are"), new AgentText(" " + ResilientAgentOptions.DefaultApology)], outputs);
    }

    [Fact]
    public async Task Caller_cancellation_while_waiting_is_cancellation_not_an_apology()
    {
        await using var server = await StartAsync(async context =>
        {
            await BeginStreamAsync(context);
            await HoldAsync(context);
        });
        using var cts = new CancellationTokenSource();
        await using var reply = Wrap(server).RespondAsync(Caller("hello"), cts.Token).GetAsyncEnumerator();

        var move = reply.MoveNextAsync().AsTask();
        await server.FirstRequest.WaitAsync(Bound);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => move.WaitAsync(Bound));
        await server.RequestAborted.WaitAsync(Bound);
    }

    [Fact]
    public async Task A_healthy_agent_passes_through_unchanged_and_cancellation_mid_reply_propagates()
    {
        var scripted = ScriptedAgent.Load(Checkout.DefaultScriptPath);
        var agent = new ResilientAgent(scripted, Options, _time);
        var history = Caller("goodbye");

        Assert.Equal(await CollectAsync(scripted, history), await CollectAsync(agent, history));
        Assert.Equal((scripted.Name, scripted.Greeting, scripted.SpeechHints), (agent.Name, agent.Greeting, agent.SpeechHints));

        using var cts = new CancellationTokenSource();
        await using var reply = agent.RespondAsync(history, cts.Token).GetAsyncEnumerator();
        Assert.True(await reply.MoveNextAsync());
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reply.MoveNextAsync());
    }
}
