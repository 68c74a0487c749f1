using System.Runtime.CompilerServices;
using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Tts.Flite;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class CachingTextToSpeechTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_text_spoken_again_plays_the_kept_audio_without_synthesis()
    {
        var flite = new CountingTextToSpeech(new FliteTextToSpeech());
        var tts = new CachingTextToSpeech(flite, 16 * 1024 * 1024);

        var first = await SpeechAudio.CollectAsync(tts, "Hello, thank you for calling.").WaitAsync(Bound);
        var again = await SpeechAudio.CollectAsync(tts, "Hello, thank you for calling.").WaitAsync(Bound);

        Assert.Equal(1, flite.Calls);
        Assert.Equal(first.Samples, again.Samples);
        Assert.Equal(first.Chunks.Count, again.Chunks.Count);
        Assert.Equal("flite", tts.Name);
    }

    [Fact]
    public async Task A_cancelled_synthesis_is_not_kept()
    {
        var flite = new CountingTextToSpeech(new FliteTextToSpeech());
        var tts = new CachingTextToSpeech(flite, 16 * 1024 * 1024);
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in tts.SynthesizeAsync("Hello, thank you for calling. How can I help?", cancel.Token)) await cancel.CancelAsync();
        }).WaitAsync(Bound);
        await SpeechAudio.CollectAsync(tts, "Hello, thank you for calling. How can I help?").WaitAsync(Bound);

        Assert.Equal(2, flite.Calls);
        Assert.Equal(1, tts.Count);
    }

    [Fact]
    public async Task The_least_recently_used_text_makes_room_for_a_new_one()
    {
        var flite = new CountingTextToSpeech(new FliteTextToSpeech());
        var one = await SpeechAudio.CollectAsync(new FliteTextToSpeech(), "One.").WaitAsync(Bound);

        // Room for about two short words: "one" and "two" fit, "three" pushes out the older of them.
        var tts = new CachingTextToSpeech(flite, one.Samples.Length * sizeof(short) * 5 / 2);
        await SpeechAudio.CollectAsync(tts, "One.").WaitAsync(Bound);
        await SpeechAudio.CollectAsync(tts, "Two.").WaitAsync(Bound);
        await SpeechAudio.CollectAsync(tts, "One.").WaitAsync(Bound);
        await SpeechAudio.CollectAsync(tts, "Three.").WaitAsync(Bound);
        await SpeechAudio.CollectAsync(tts, "One.").WaitAsync(Bound);
        await SpeechAudio.CollectAsync(tts, "Two.").WaitAsync(Bound);

        // Synthesised: one, two, three, then two again (evicted by three); one stayed because it was used last.
        Assert.Equal(4, flite.Calls);
    }

    [Fact]
    public void The_cache_size_setting_is_checked_and_zero_turns_it_off()
    {
        var flite = new FliteTextToSpeech();

        Assert.Same(flite, TextToSpeechFactory.WithCache(flite, new TtsSettings { CacheMegabytes = 0 }));
        Assert.IsType<CachingTextToSpeech>(TextToSpeechFactory.WithCache(flite, new TtsSettings()));
        var error = Assert.Throws<ConfigurationException>(() => TextToSpeechFactory.WithCache(flite, new TtsSettings { CacheMegabytes = -1 }));
        Assert.Equal("Tts:CacheMegabytes", error.Key);
    }

    // Counts the syntheses that reach the real engine underneath.
    private sealed class CountingTextToSpeech(ITextToSpeech inner) : ITextToSpeech
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => inner.Name;

        public IAsyncEnumerable<short[]> SynthesizeAsync(string text, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ForwardAsync(text, cancellationToken);
        }

        private async IAsyncEnumerable<short[]> ForwardAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var chunk in inner.SynthesizeAsync(text, cancellationToken).WithCancellation(cancellationToken)) yield return chunk;
        }
    }
}
