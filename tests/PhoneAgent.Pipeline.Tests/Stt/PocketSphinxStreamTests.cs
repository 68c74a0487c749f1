using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

public sealed class PocketSphinxStreamTests : IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);
    private readonly PocketSphinxSpeechToText _engine = new(PocketSphinxOptions.Default);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task Partials_arrive_before_the_final()
    {
        // A run of the decoding workers ends with a partial when it ends on audio: the first half of the clip, with no
        // Flush behind it, must yield one before the rest is even pushed.
        var clip = SpeechClips.Read("goforward.wav").Samples;
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var stream = _engine.CreateStream(SpeechStreamOptions.Default);
        await using var results = stream.Results.GetAsyncEnumerator(timeout.Token);
        var half = clip.Length / 2 / PipelineAudio.FrameSamples * PipelineAudio.FrameSamples;
        for (var offset = 0; offset < half; offset += PipelineAudio.FrameSamples) stream.PushFrame(clip.AsSpan(offset, PipelineAudio.FrameSamples));
        Assert.True(await results.MoveNextAsync());
        var events = new List<SpeechEvent> { results.Current };

        stream.PushFrame(clip.AsSpan(half));
        stream.Flush();
        stream.EndInput();
        while (await results.MoveNextAsync()) events.Add(results.Current);

        Assert.True(events.Count >= 2, $"only {events.Count} events");
        Assert.All(events.SkipLast(1), e => Assert.False(e.IsFinal));
        Assert.True(events[^1].IsFinal);
        Assert.Contains("forward", events[^1].Text);
        for (var i = 1; i < events.Count - 1; i++) Assert.NotEqual(events[i - 1].Text, events[i].Text);
    }

    [Fact]
    public async Task A_discarded_utterance_yields_no_final()
    {
        await using var stream = _engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.PushFrame(SpeechClips.Read("cards_001.wav").Samples);
        stream.Discard();
        stream.PushFrame(SpeechClips.Read("goforward.wav").Samples);
        stream.Flush();
        stream.EndInput();

        var finals = (await reading).Where(e => e.IsFinal).ToList();
        Assert.Single(finals);
        Assert.Contains("forward", finals[0].Text);
        Assert.DoesNotContain("clubs", finals[0].Text);
    }

    [Fact]
    public async Task A_flush_without_audio_yields_an_empty_final()
    {
        await using var stream = _engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.Flush();
        stream.EndInput();

        Assert.Equal([new SpeechEvent(string.Empty, true)], await reading);
        Assert.Throws<InvalidOperationException>(() => stream.PushFrame(new short[PipelineAudio.FrameSamples]));
    }

    [Fact]
    public async Task Dispose_mid_utterance_ends_the_results_and_leaves_the_engine_usable()
    {
        var stream = _engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.PushFrame(SpeechClips.Read("jfk.wav").Samples);

        await stream.DisposeAsync().AsTask().WaitAsync(TestTimeout);

        Assert.DoesNotContain(await reading, e => e.IsFinal);
        Assert.Throws<ObjectDisposedException>(() => stream.PushFrame(new short[1]));
        Assert.Throws<ObjectDisposedException>(stream.Flush);
        var next = await Transcriber.RunAsync(_engine, SpeechClips.Read("goforward.wav").Samples, SpeechStreamOptions.Default);
        Assert.Contains("forward", next[^1].Text);
    }

    [Fact]
    public async Task Calls_starting_and_ending_together_load_and_free_their_decoders_without_a_deadlock()
    {
        // sphinxbase's log stream is process-wide; concurrent loads once closed it twice and hung every thread.
        using var engine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default);
        for (var round = 0; round < 2; round++)
        {
            var streams = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => engine.CreateStream(SpeechStreamOptions.Default)))).WaitAsync(TestTimeout);
            await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask())).WaitAsync(TestTimeout);
        }

        await using var stream = engine.CreateStream(SpeechStreamOptions.Default);
        var reading = Transcriber.Collect(stream, new CancellationTokenSource(TestTimeout).Token);
        stream.PushFrame(SpeechClips.Read("goforward.wav").Samples);
        stream.Flush();
        stream.EndInput();
        Assert.Contains("forward", (await reading)[^1].Text);
    }

    [Fact]
    public void A_missing_model_is_a_typed_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<PocketSphinxException>(() => new PocketSphinxSpeechToText(new PocketSphinxOptions(missing)));
        Assert.Equal("ps_init", error.Function);
    }
}
