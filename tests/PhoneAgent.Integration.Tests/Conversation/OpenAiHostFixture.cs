using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using PhoneAgent.Integration.Tests.Host;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Testing.Agents;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// The phoneagent binary with its OpenAI-compatible agent pointed at an in-test chat-completions server on
/// 127.0.0.1:0 (the only test double, at the remote API boundary); pocketsphinx, flite and Silero as shipped. Each
/// request is answered by the next handler a test queued, so a test scripts the server turn by turn.
/// </summary>
public sealed class OpenAiHostFixture : IAsyncLifetime
{
    /// <summary>The agent's time to first token before it apologises; short, so the slow-server test stays short.</summary>
    public static readonly TimeSpan AgentTimeout = TimeSpan.FromSeconds(2);

    private readonly ConcurrentQueue<Func<HttpContext, Task>> _handlers = new();

    public FakeChatCompletionsServer Server { get; private set; } = null!;

    public RunningHost Host { get; private set; } = null!;

    public PocketSphinxSpeechToText Recogniser { get; } = new(PocketSphinxOptions.Default);

    /// <summary>
    /// Answers the next requests, one handler each, in order, in place of any an earlier test queued and never got
    /// asked for: a test that failed before its call used them would otherwise hand its answers to the next test.
    /// </summary>
    public void Answer(params Func<HttpContext, Task>[] handlers)
    {
        _handlers.Clear();
        foreach (var handler in handlers) _handlers.Enqueue(handler);
    }

    /// <summary>A reply streamed a word per chunk, as a model streams tokens.</summary>
    public static Func<HttpContext, Task> Streamed(string reply) => async context =>
    {
        await FakeChatCompletionsServer.BeginStreamAsync(context);
        foreach (var word in reply.Split(' ')) await FakeChatCompletionsServer.SendTextAsync(context, word + " ");
        await FakeChatCompletionsServer.EndStreamAsync(context, "stop");
    };

    public async Task InitializeAsync()
    {
        Server = await FakeChatCompletionsServer.StartAsync(context =>
            _handlers.TryDequeue(out var handler) ? handler(context) : Unexpected(context));
        Host = await RunningHost.StartAsync(
            "--Agent:Engine=openai",
            $"--Agent:OpenAI:BaseUrl={Server.BaseUrl}",
            "--Agent:OpenAI:Model=test-model",
            $"--Agent:TimeoutSeconds={AgentTimeout.TotalSeconds}");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
        Recogniser.Dispose();
    }

    // A request no test asked for fails loudly in the bot's log and is counted in Server.Requests.
    private static Task Unexpected(HttpContext context)
    {
        context.Response.StatusCode = 418;
        return context.Response.WriteAsync("no reply queued for this request");
    }
}
