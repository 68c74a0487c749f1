using System.Buffers.Binary;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.OpenAi;
using PhoneAgent.Testing;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

public class OpenAiSpeechToTextTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Posts_each_flushed_utterance_as_wav_and_yields_the_finals_in_order()
    {
        await using var server = await FakeTranscriptionServer.StartAsync();
        var engine = new OpenAiSpeechToText(new OpenAiSttSettings(server.BaseUrl, "whisper-test", "sk-test", TimeSpan.FromSeconds(20)));
        await using var stream = engine.CreateStream(new SpeechStreamOptions(InputBandwidth.Narrowband, ["clubs", "spades"]));
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);

        var tone = Enumerable.Range(0, 2 * PipelineAudio.FrameSamples).Select(i => (short)(i * 37)).ToArray();
        stream.PushFrame(tone.AsSpan(0, PipelineAudio.FrameSamples));
        stream.PushFrame(tone.AsSpan(PipelineAudio.FrameSamples));
        stream.Flush();
        stream.PushFrame(tone.AsSpan(0, 10));
        stream.Discard();
        stream.PushFrame(tone.AsSpan(0, 100));
        stream.Flush();
        stream.EndInput();

        var events = await reading;
        Assert.Equal([new SpeechEvent("utterance 1", true), new SpeechEvent("utterance 2", true)], events);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("Bearer sk-test", requests[0].Authorization);
        Assert.Equal("whisper-test", requests[0].Model);
        Assert.Equal("clubs, spades", requests[0].Prompt);
        Assert.Equal(tone, Pcm(requests[0].File, out var rate));
        Assert.Equal(PipelineAudio.SampleRate, rate);
        Assert.Equal(tone[..100], Pcm(requests[1].File, out _));
    }

    [Fact]
    public async Task A_server_error_yields_an_empty_final_and_the_stream_goes_on()
    {
        await using var server = await FakeTranscriptionServer.StartAsync();
        server.Reply = n => n == 1 ? (500, "boom") : (200, "recovered");
        var engine = new OpenAiSpeechToText(new OpenAiSttSettings(server.BaseUrl, "m", "k", TimeSpan.FromSeconds(20)));
        await using var stream = engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);

        stream.PushFrame(new short[PipelineAudio.FrameSamples]);
        stream.Flush();
        stream.PushFrame(new short[PipelineAudio.FrameSamples]);
        stream.Flush();
        stream.EndInput();

        Assert.Equal([new SpeechEvent(string.Empty, true), new SpeechEvent("recovered", true)], await reading);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_server_is_given_up_after_the_timeout_with_an_empty_final()
    {
        await using var server = await FakeTranscriptionServer.StartAsync();
        server.Hang = true;
        var time = new ManualTimeProvider();
        var timeout = TimeSpan.FromSeconds(20);
        var engine = new OpenAiSpeechToText(new OpenAiSttSettings(server.BaseUrl, "m", "k", timeout), time);
        await using var stream = engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);

        stream.PushFrame(new short[PipelineAudio.FrameSamples]);
        stream.Flush();
        stream.EndInput();
        await server.RequestArrived.Task.WaitAsync(TestTimeout);
        time.Advance(timeout - TimeSpan.FromMilliseconds(1));
        Assert.False(reading.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([new SpeechEvent(string.Empty, true)], await reading.WaitAsync(TestTimeout));
    }

    [Fact]
    public async Task An_empty_utterance_is_not_sent()
    {
        await using var server = await FakeTranscriptionServer.StartAsync();
        var engine = new OpenAiSpeechToText(new OpenAiSttSettings(server.BaseUrl, "m", "k", TimeSpan.FromSeconds(20)));
        await using var stream = engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.Flush();
        stream.EndInput();

        Assert.Equal([new SpeechEvent(string.Empty, true)], await reading);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Dispose_during_a_request_ends_the_results_promptly()
    {
        await using var server = await FakeTranscriptionServer.StartAsync();
        server.Hang = true;
        var engine = new OpenAiSpeechToText(new OpenAiSttSettings(server.BaseUrl, "m", "k", TimeSpan.FromSeconds(20)), new ManualTimeProvider());
        var stream = engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.PushFrame(new short[PipelineAudio.FrameSamples]);
        stream.Flush();
        await server.RequestArrived.Task.WaitAsync(TestTimeout);

        await stream.DisposeAsync().AsTask().WaitAsync(TestTimeout);

        Assert.Empty(await reading);
        Assert.Throws<ObjectDisposedException>(() => stream.PushFrame(new short[1]));
    }

    [Fact]
    public void Settings_never_print_the_key() =>
        Assert.DoesNotContain("sk-secret", new OpenAiSttSettings(new Uri("http://127.0.0.1/v1"), "m", "sk-secret", TimeSpan.FromSeconds(1)).ToString());

    private static short[] Pcm(byte[] wav, out int sampleRate)
    {
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.Equal("data"u8.ToArray(), wav[36..40]);
        sampleRate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24));
        var samples = new short[BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(40)) / 2];
        for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + (2 * i)));
        return samples;
    }
}
