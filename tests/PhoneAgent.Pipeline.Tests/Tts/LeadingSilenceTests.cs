using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Tts.Flite;

namespace PhoneAgent.Pipeline.Tests.Tts;

public class LeadingSilenceTests
{
    [Fact]
    public void Quiet_lead_in_is_cut_to_the_margin_before_the_speech()
    {
        // 300 ms of noise peaking at -56 dBFS, then 200 ms of a loud tone.
        var pcm = new short[8000];
        for (var i = 0; i < 4800; i++) pcm[i] = (short)(i % 7 * 8 - 24);
        for (var i = 4800; i < pcm.Length; i++) pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));

        var trimmed = LeadingSilence.Trim(pcm);

        Assert.Equal(pcm.Length - 4800 + 640, trimmed.Length);
        Assert.Equal(pcm[4160..], trimmed);
    }

    [Fact]
    public void Audio_that_starts_with_speech_or_has_none_is_left_alone()
    {
        var speech = new short[3200];
        for (var i = 0; i < speech.Length; i++) speech[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
        var quiet = new short[3200];

        Assert.Same(speech, LeadingSilence.Trim(speech));
        Assert.Same(quiet, LeadingSilence.Trim(quiet));
    }

    [Fact]
    public async Task A_flite_clause_starts_speaking_within_the_margin()
    {
        var result = await SpeechAudio.CollectAsync(new FliteTextToSpeech(), "We are at twelve Market Street.").WaitAsync(TimeSpan.FromSeconds(60));

        // flite alone leads with about 220 ms of near-silence; the first 10 ms window above -45 dBFS now comes
        // within the 40 ms margin (plus the window it falls in).
        var samples = result.Samples;
        var first = Enumerable.Range(0, samples.Length / 160).First(w => SpeechAudio.Rms(samples.AsSpan(w * 160, 160)) > 32768 * 0.005623);
        Assert.InRange(first * 10, 0, 50);
    }
}
