using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Pipeline.Tests.Tts;

/// <summary>An in-test server on 127.0.0.1:0 answering OpenAI's <c>POST /v1/audio/speech</c> as the test decides.</summary>
internal sealed class FakeSpeechServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeSpeechServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL to configure, ending in /v1.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The Authorization header and JSON body of each request received.</summary>
    public List<(string? Authorization, JsonElement Body)> Requests { get; } = [];

    public static async Task<FakeSpeechServer> StartAsync(Func<HttpResponse, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeSpeechServer? server = null;
        app.MapPost("/v1/audio/speech", async (HttpContext context) =>
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            lock (server!.Requests) server.Requests.Add((context.Request.Headers.Authorization.ToString(), body.RootElement.Clone()));
            await respond(context.Response);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server = new FakeSpeechServer(app, new Uri($"{address}/v1"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
