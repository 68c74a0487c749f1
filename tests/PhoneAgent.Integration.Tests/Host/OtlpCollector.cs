using System.Collections.Concurrent;
using System.Net;
using PhoneAgent.Integration.Tests.Peers;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// A stand-in OpenTelemetry collector on 127.0.0.1: it accepts OTLP/HTTP protobuf posts and keeps each body by
/// path (/v1/metrics, /v1/traces), answering 200 as a collector does.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();
    private readonly Task _loop;

    /// <summary>Starts listening on a free loopback port.</summary>
    public OtlpCollector()
    {
        Port = FreePort.Tcp();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = ServeAsync();
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>The base URL to configure as OpenTelemetry:Endpoint.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    /// <summary>True when a post to <paramref name="path"/> contained <paramref name="text"/> (protobuf strings are plain UTF-8).</summary>
    public bool Received(string path, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return _posts.Any(p => p.Path == path && p.Body.AsSpan().IndexOf(needle) >= 0);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _posts.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
