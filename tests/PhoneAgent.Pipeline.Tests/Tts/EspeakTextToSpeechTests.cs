using PhoneAgent.Pipeline.Tts.Espeak;
using Xunit.Abstractions;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class EspeakTextToSpeechTests(ITestOutputHelper output)
{
    private const string Phrase = "Hello, thank you for calling. How can I help you today?";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("en-us")]
    [InlineData("en")]
    public async Task A_phrase_comes_out_as_16_kHz_speech(string voice)
    {
        var tts = new EspeakTextToSpeech(voice);

        var result = await SpeechAudio.CollectAsync(tts, Phrase).WaitAsync(Bound);

        SpeechAudio.AssertSpeechLike(result, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
        Assert.True(result.Chunks.Count > 1, "the audio arrived in one piece, not streamed");
        output.WriteLine($"{voice}: {result.Duration.TotalSeconds:F2} s of audio in {result.Chunks.Count} chunks, first audio after {result.FirstAudio.TotalMilliseconds:F0} ms, RTF {result.RealTimeFactor:F3}");
    }

    [Fact]
    public async Task Cancelling_after_the_first_chunk_aborts_the_rest()
    {
        var tts = new EspeakTextToSpeech();
        var text = string.Join(' ', Enumerable.Repeat(Phrase, 10));
        var full = await SpeechAudio.CollectAsync(tts, Phrase).WaitAsync(Bound);
        using var cancel = new CancellationTokenSource();
        var samples = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in tts.SynthesizeAsync(text, cancel.Token))
            {
                samples += chunk.Length;
                await cancel.CancelAsync();
            }
        }).WaitAsync(Bound);

        // Nothing after the first chunk is delivered, however far ahead eSpeak had run.
        Assert.InRange(samples, 1, full.Samples.Length / 10);
    }

    [Fact]
    public async Task Leaving_the_stream_early_releases_the_engine_for_the_next_call()
    {
        var tts = new EspeakTextToSpeech();
        await foreach (var _ in tts.SynthesizeAsync(Phrase, CancellationToken.None))
        {
            break;
        }

        var next = await SpeechAudio.CollectAsync(tts, "Goodbye.").WaitAsync(Bound);

        Assert.NotEmpty(next.Samples);
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_speech_as_sequential_calls()
    {
        var tts = new EspeakTextToSpeech();
        var other = new EspeakTextToSpeech("de");
        string[] texts = ["Please hold the line.", "Your call is important to us.", "Goodbye."];
        var sequential = new List<short[]>();
        foreach (var text in texts) sequential.Add((await SpeechAudio.CollectAsync(tts, text).WaitAsync(Bound)).Samples);

        // A second instance with another voice runs alongside: each call must still speak in its own voice, whole.
        var concurrent = Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            (Index: i % texts.Length, (await SpeechAudio.CollectAsync(tts, texts[i % texts.Length])).Samples))));
        var interfering = Task.WhenAll(texts.Select(t => Task.Run(() => SpeechAudio.CollectAsync(other, t))));
        await Task.WhenAll(concurrent, interfering).WaitAsync(Bound);

        // eSpeak NG carries state from one utterance into the next (even sequential repeats differ by tens of
        // milliseconds), so the renderings are compared as speech, not bit for bit.
        Assert.All(await concurrent, c => SpeechAudio.AssertSimilarSpeech(sequential[c.Index], c.Samples));
    }

    [Fact]
    public void An_unknown_voice_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new EspeakTextToSpeech("no-such-voice"));
}
