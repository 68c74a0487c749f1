using PhoneAgent.Pipeline.Tts.Flite;
using Xunit.Abstractions;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class FliteTextToSpeechTests(ITestOutputHelper output)
{
    private const string Phrase = "Hello, thank you for calling. How can I help you today?";

    private const string Paragraph = "Thank you for calling. Your account is up to date. " +
        "The next payment is due on the first of the month. Is there anything else I can do for you?";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Voices => [.. FliteTextToSpeech.Voices];

    [Theory]
    [MemberData(nameof(Voices))]
    public async Task Every_voice_speaks_a_phrase_as_16_kHz_speech(string voice)
    {
        var tts = new FliteTextToSpeech(voice);

        var result = await SpeechAudio.CollectAsync(tts, Phrase).WaitAsync(Bound);

        // About 12 words: a natural rate of 2-5 words a second, plus flite's pauses.
        SpeechAudio.AssertSpeechLike(result, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
        output.WriteLine($"{voice}: {result.Duration.TotalSeconds:F2} s of audio, first audio after {result.FirstAudio.TotalMilliseconds:F0} ms, RTF {result.RealTimeFactor:F3}");
    }

    [Fact]
    public async Task The_8_kHz_voice_is_resampled_to_the_length_of_its_16_kHz_twin()
    {
        var narrow = await SpeechAudio.CollectAsync(new FliteTextToSpeech("kal"), Phrase).WaitAsync(Bound);
        var wide = await SpeechAudio.CollectAsync(new FliteTextToSpeech("kal16"), Phrase).WaitAsync(Bound);

        Assert.InRange(narrow.Duration / wide.Duration, 0.99, 1.01);
    }

    [Fact]
    public async Task Each_sentence_is_yielded_as_soon_as_it_is_synthesised()
    {
        var tts = new FliteTextToSpeech();

        var result = await SpeechAudio.CollectAsync(tts, Paragraph).WaitAsync(Bound);

        Assert.Equal(4, result.Chunks.Count);
        Assert.True(result.FirstAudio < result.Total, $"first audio {result.FirstAudio} of {result.Total}");
        Assert.True(result.RealTimeFactor < 1, $"RTF {result.RealTimeFactor:F3}");
        output.WriteLine($"slt paragraph: {result.Duration.TotalSeconds:F2} s of audio, first audio after {result.FirstAudio.TotalMilliseconds:F0} ms, total {result.Total.TotalMilliseconds:F0} ms, RTF {result.RealTimeFactor:F3}");
    }

    [Fact]
    public async Task Cancelling_after_the_first_clause_stops_before_the_next()
    {
        var tts = new FliteTextToSpeech();
        using var cancel = new CancellationTokenSource();
        var chunks = 0;

        var stopped = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in tts.SynthesizeAsync(Paragraph + " " + Paragraph, cancel.Token).WithCancellation(cancel.Token))
            {
                chunks++;
                await cancel.CancelAsync();
            }
        }).WaitAsync(Bound);

        Assert.Equal(1, chunks);
        Assert.Equal(cancel.Token, stopped.CancellationToken);
    }

    [Fact]
    public async Task Concurrent_calls_give_the_same_audio_as_sequential_calls()
    {
        var tts = new FliteTextToSpeech();
        string[] texts = ["Please hold the line.", "Your call is important to us, so please stay on the line.", "Goodbye."];
        var sequential = new List<short[]>();
        foreach (var text in texts) sequential.Add((await SpeechAudio.CollectAsync(tts, text).WaitAsync(Bound)).Samples);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            (Index: i % texts.Length, (await SpeechAudio.CollectAsync(tts, texts[i % texts.Length])).Samples)))).WaitAsync(Bound);

        Assert.All(concurrent, c => Assert.Equal(sequential[c.Index], c.Samples));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    public async Task Text_without_words_produces_no_audio(string text) =>
        Assert.Empty((await SpeechAudio.CollectAsync(new FliteTextToSpeech(), text).WaitAsync(Bound)).Chunks);

    [Fact]
    public void An_unknown_voice_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new FliteTextToSpeech("nobody"));
}
