using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>
/// An OpenAI-compatible <c>POST /v1/audio/transcriptions</c> endpoint on 127.0.0.1:0 (multipart form with
/// <c>file</c>, <c>model</c>, optional <c>prompt</c>; JSON reply <c>{"text": …}</c>), with a scriptable reply.
/// </summary>
internal sealed class FakeTranscriptionServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeTranscriptionServer(WebApplication app) => _app = app;

    /// <summary>The reply: a status code and a text, or <see cref="Hang"/> to wait until disposal.</summary>
    public Func<int, (int Status, string Text)> Reply { get; set; } = n => (200, $"utterance {n}");

    public bool Hang { get; set; }

    public ConcurrentQueue<TranscriptionRequest> Requests { get; } = new();

    /// <summary>Completes when a request has arrived.</summary>
    public TaskCompletionSource RequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeTranscriptionServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTranscriptionServer(app);
        app.MapPost("/v1/audio/transcriptions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri($"{address}/v1");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files["file"];
        using var content = new MemoryStream();
        if (file is not null) await file.CopyToAsync(content, context.RequestAborted);
        Requests.Enqueue(new TranscriptionRequest(
            context.Request.Headers.Authorization.ToString(),
            form["model"].ToString(),
            form["prompt"].ToString(),
            content.ToArray()));
        RequestArrived.TrySetResult();
        if (Hang)
        {
            await _release.Task.WaitAsync(context.RequestAborted);
            return;
        }

        var (status, text) = Reply(Requests.Count);
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(status == 200 ? new { text } : (object)new { error = new { message = text, type = "server_error" } });
    }
}
