using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace PhoneAgent.Testing.Agents;

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1:0 (Kestrel) speaking the chat-completions streaming wire protocol:
/// server-sent events, one "chat.completion.chunk" JSON object per data line, then "data: [DONE]". Each test supplies
/// the handler that writes the chunks, so it controls timing, splitting and failures.
/// </summary>
public sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<JsonElement> _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeChatCompletionsServer(WebApplication app) => _app = app;

    /// <summary>The base URL to configure the agent with (…/v1).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Request paths and parsed JSON bodies, in arrival order.</summary>
    public ConcurrentQueue<(string Path, string? Authorization, JsonElement Body)> Requests { get; } = new();

    /// <summary>Completes when the first request's body has arrived.</summary>
    public Task<JsonElement> FirstRequest => _firstRequest.Task;

    /// <summary>Completes when the client abandons a request (cancellation closes the connection).</summary>
    public Task RequestAborted => _aborted.Task;

    public static async Task<FakeChatCompletionsServer> StartAsync(Func<HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeChatCompletionsServer(app);
        app.Run(async context =>
        {
            var body = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
            server.Requests.Enqueue((context.Request.Path, context.Request.Headers.Authorization.ToString(), body));
            context.RequestAborted.Register(() => server._aborted.TrySetResult());
            server._firstRequest.TrySetResult(body);
            await respond(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri($"{address}/v1");
        return server;
    }

    /// <summary>Starts the SSE response.</summary>
    public static async Task BeginStreamAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Sends one chunk whose delta carries <paramref name="delta"/>.</summary>
    public static async Task SendAsync(HttpContext context, object delta, string? finishReason = null)
    {
        var chunk = new
        {
            id = "chatcmpl-test",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
        };
        await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public static Task SendTextAsync(HttpContext context, string text) => SendAsync(context, new { content = text });

    /// <summary>Sends one fragment of tool call <paramref name="index"/>; the first fragment names the function.</summary>
    public static Task SendToolCallAsync(HttpContext context, int index, string? name, string arguments) => name is null
        ? SendAsync(context, new { tool_calls = new[] { new { index, function = new { arguments } } } })
        : SendAsync(context, new { tool_calls = new[] { new { index, id = $"call_{index}", type = "function", function = new { name, arguments } } } });

    public static async Task EndStreamAsync(HttpContext context, string finishReason)
    {
        await SendAsync(context, new { }, finishReason);
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
