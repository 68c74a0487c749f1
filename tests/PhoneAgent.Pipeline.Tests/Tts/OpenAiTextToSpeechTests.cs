using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Tts.OpenAi;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class OpenAiTextToSpeechTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    // Half a second of a 440 Hz tone in OpenAI's pcm format: 24 kHz mono, 16-bit little-endian.
    private static byte[] Tone(int startSample, int samples)
    {
        var bytes = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(8000 * Math.Sin(2 * Math.PI * 440 * (startSample + i) / OpenAiTextToSpeech.ResponseSampleRate));
            bytes[2 * i] = (byte)value;
            bytes[(2 * i) + 1] = (byte)(value >> 8);
        }

        return bytes;
    }

    [Fact]
    public async Task Pcm_is_resampled_to_16_kHz_and_yielded_before_the_body_ends()
    {
        var firstAudio = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeSpeechServer.StartAsync(async response =>
        {
            response.ContentType = "audio/pcm";
            var first = Tone(0, 12000);

            // Odd-sized writes split samples between reads; the client must carry the odd byte.
            for (var offset = 0; offset < first.Length; offset += 4801)
            {
                await response.Body.WriteAsync(first.AsMemory(offset, Math.Min(4801, first.Length - offset)));
                await response.Body.FlushAsync();
            }

            // The rest is held back until the client has audio, which it can only have if it streams.
            await firstAudio.Task.WaitAsync(Bound);
            await response.Body.WriteAsync(Tone(12000, 12000));
        });
        var tts = new OpenAiTextToSpeech(server.BaseUrl, "test-key", "tts-test", "nova");

        var samples = new List<short>();
        await foreach (var chunk in tts.SynthesizeAsync("Hello there.", CancellationToken.None).WithCancellation(CancellationToken.None))
        {
            samples.AddRange(chunk);
            firstAudio.TrySetResult();
        }

        Assert.Equal(16000, samples.Count);
        var crossings = 0;
        for (var i = 101; i < samples.Count; i++) if ((samples[i - 1] < 0) != (samples[i] < 0)) crossings++;
        Assert.InRange(crossings, 870, 890);
        var (authorization, body) = Assert.Single(server.Requests);
        Assert.Equal("Bearer test-key", authorization);
        Assert.Equal("tts-test", body.GetProperty("model").GetString());
        Assert.Equal("nova", body.GetProperty("voice").GetString());
        Assert.Equal("Hello there.", body.GetProperty("input").GetString());
        Assert.Equal("pcm", body.GetProperty("response_format").GetString());
    }

    [Theory]
    [InlineData(StatusCodes.Status401Unauthorized)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task An_HTTP_error_becomes_a_TextToSpeechException_with_the_status_at_once(int status)
    {
        await using var server = await FakeSpeechServer.StartAsync(async response =>
        {
            response.StatusCode = status;
            response.ContentType = "application/json";
            await response.WriteAsync("""{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}""");
        });
        var tts = new OpenAiTextToSpeech(server.BaseUrl, "wrong-key", "tts-test");

        var error = await Assert.ThrowsAsync<TextToSpeechException>(() => SpeechAudio.CollectAsync(tts, "Hello.").WaitAsync(Bound));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(OpenAiTextToSpeech.EngineName, error.Engine);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_unreachable_server_becomes_a_TextToSpeechException_without_a_status()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var tts = new OpenAiTextToSpeech(new Uri($"http://127.0.0.1:{port}/v1"), "test-key", "tts-test");

        var error = await Assert.ThrowsAsync<TextToSpeechException>(() => SpeechAudio.CollectAsync(tts, "Hello.").WaitAsync(Bound));

        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Cancelling_while_the_body_is_still_arriving_stops_promptly()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FakeSpeechServer.StartAsync(async response =>
        {
            await response.Body.WriteAsync(Tone(0, 2400));
            await response.Body.FlushAsync();
            await released.Task.WaitAsync(Bound);
        });
        var tts = new OpenAiTextToSpeech(server.BaseUrl, "test-key", "tts-test");
        using var cancel = new CancellationTokenSource();

        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in tts.SynthesizeAsync("Hello.", cancel.Token)) await cancel.CancelAsync();
            }).WaitAsync(Bound);
        }
        finally
        {
            released.TrySetResult();
        }
    }

    [Fact]
    public async Task Text_without_words_sends_no_request()
    {
        await using var server = await FakeSpeechServer.StartAsync(response => response.WriteAsync("unexpected"));
        var tts = new OpenAiTextToSpeech(server.BaseUrl, "test-key", "tts-test");

        var result = await SpeechAudio.CollectAsync(tts, "  ").WaitAsync(Bound);

        Assert.Empty(result.Chunks);
        Assert.Empty(server.Requests);
    }
}
