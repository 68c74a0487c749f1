using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Testing.Speech;
using Xunit.Abstractions;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>
/// Word error rate of pocketsphinx on every clip in ../shared/speech, as recorded (16 kHz) and as a G.711 call
/// delivers it (8 kHz μ-law, upsampled, its upper mel filters estimated by the narrowband decoder's front end).
/// </summary>
public class PocketSphinxAccuracyTests(ITestOutputHelper output)
{
    // Measured on this clip set: 41.0 % at 16 kHz with pocketsphinx's second pass and best path, 39.2 % with one pass,
    // 38.0 % with at most 5000 HMMs a frame and audio posted 60 ms at a time (the product's setting). The margin
    // absorbs decoder-state differences, not regressions.
    private const double WidebandBoundPercent = 45;

    // Issue 4's target, 5 points, is the bound. With the audio-domain extender (spectral folding and noise) this test
    // measured 57.8 % against 39.2 % (18.6 points); the feature-domain extension (TelephoneFrontEnd,
    // LogSpectrumExtension) with one linear map 45.8 % against 38.0 % (7.8 points), 44.0 % (6.0 points) with its offset
    // toward the wideband mean, and 42.2 % (4.2 points, 70 errors) with the shipped soft mixture of 32 maps. The
    // margin is one word: the runs are deterministic, but the same mixture fitted from other seeds measured 69 and 74
    // (docs/PERFORMANCE.md, "Telephone-band recognition"), so a recalibration must be measured here before it ships.
    private const double NarrowbandExtraPercent = 5;

    [Fact]
    public async Task Telephone_band_audio_is_recognised_close_to_wideband()
    {
        // One engine per pass: a decoder's live cepstral mean carries over between utterances, so sharing a pool
        // would make each pass depend on which decoder the other pass happened to leave behind.
        using var wideEngine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default);
        using var narrowEngine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default);
        var clips = SpeechClips.All().Select(c => new Clip(c.File, c.Transcript, SpeechClips.Read(c.File))).ToList();

        // The passes are independent: run them side by side, one core each.
        var wideband = RunAsync(wideEngine, clips.Where(c => c.Audio.SampleRate == PipelineAudio.SampleRate), narrowband: false);
        var narrowband = RunAsync(narrowEngine, clips, narrowband: true);
        var (wide, wideTime) = await wideband;
        var (narrow, narrowTime) = await narrowband;

        output.WriteLine($"{"clip",-32} {"words",5} {"16k err",7} {"8k err",7}  8k hypothesis");
        int words = 0, wideErrors = 0, narrowErrors = 0;
        foreach (var clip in clips)
        {
            var reference = WordErrorRate.Words(clip.Transcript);
            var narrowResult = WordErrorRate.Errors(reference, WordErrorRate.Words(narrow[clip.File]));
            if (!wide.TryGetValue(clip.File, out var wideText))
            {
                // Recorded at 8 kHz: it has no wideband original, so it stays out of both totals.
                output.WriteLine($"{clip.File,-32} {reference.Length,5} {"-",7} {narrowResult,7}  {narrow[clip.File]}");
                continue;
            }

            var wideResult = WordErrorRate.Errors(reference, WordErrorRate.Words(wideText));
            words += reference.Length;
            wideErrors += wideResult;
            narrowErrors += narrowResult;
            output.WriteLine($"{clip.File,-32} {reference.Length,5} {wideResult,7} {narrowResult,7}  {narrow[clip.File]}");
        }

        var audioSeconds = clips.Where(c => wide.ContainsKey(c.File)).Sum(c => c.Audio.Samples.Length / (double)c.Audio.SampleRate);
        var wideWer = 100.0 * wideErrors / words;
        var narrowWer = 100.0 * narrowErrors / words;
        output.WriteLine($"{"total",-32} {words,5} {wideErrors,7} {narrowErrors,7}");
        output.WriteLine($"WER 16 kHz {wideWer:F1} %, 8 kHz G.711 + band extension {narrowWer:F1} %");
        output.WriteLine($"Real-time factor (wall clock, passes in parallel): 16 kHz {wideTime.TotalSeconds / audioSeconds:F2}, 8 kHz {narrowTime.TotalSeconds / audioSeconds:F2} over {audioSeconds:F0} s of audio");

        Assert.InRange(wideWer, 0, WidebandBoundPercent);
        Assert.InRange(narrowWer, 0, wideWer + NarrowbandExtraPercent);
    }

    private static async Task<(Dictionary<string, string> Finals, TimeSpan Elapsed)> RunAsync(ISpeechToText engine, IEnumerable<Clip> clips, bool narrowband)
    {
        await Task.Yield();
        var start = TimeProvider.System.GetTimestamp();
        var finals = new Dictionary<string, string>();
        var options = new SpeechStreamOptions(narrowband ? InputBandwidth.Narrowband : InputBandwidth.Wideband, []);
        foreach (var clip in clips)
        {
            var pcm = narrowband ? Telephone.ThroughG711(clip.Audio.Samples, clip.Audio.SampleRate) : clip.Audio.Samples;
            var events = await Transcriber.RunAsync(engine, pcm, options);
            finals[clip.File] = events[^1].Text;
        }

        return (finals, TimeProvider.System.GetElapsedTime(start));
    }

    private sealed record Clip(string File, string Transcript, (short[] Samples, int SampleRate) Audio);
}
