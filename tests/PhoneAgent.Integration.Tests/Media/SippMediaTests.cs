using System.Net;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>sipp replays RTP captures into a call, and the bot's media session must turn them into what was sent.</summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class SippMediaTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    // One second at 8 kHz.
    private const int LeadIn = 8000;

    [Fact]
    public async Task Rfc4733_key_1_from_sipp_arrives_once()
    {
        var handler = new MediaProbeHandler();
        await using (var bot = MediaProbeHandler.StartBot(handler))
        {
            var result = await SippRunner.RunAsync(new SippOptions
            {
                ScenarioFile = SippScenarios.DtmfCall,
                Target = new IPEndPoint(IPAddress.Loopback, bot.Port),
                // The capture lasts 140 ms; the rest lets the last end packet through the session's tick.
                Pause = TimeSpan.FromSeconds(1),
                Timeout = Bound,
            });
            Assert.True(result.Succeeded(1), result.Describe());
            await handler.Ended.WaitAsync(Bound);
        }

        var digit = Assert.Single(handler.Digits);
        Assert.Equal('1', digit.Digit);
        Assert.True(digit.Duration > TimeSpan.Zero, $"duration {digit.Duration}");
    }

    [Fact]
    public async Task Real_speech_played_by_sipp_is_decoded_to_the_same_signal_at_16_kHz()
    {
        var source = Speech(seconds: 2);
        var work = Directory.CreateTempSubdirectory("phoneagent-speech-");
        try
        {
            // A second of silence first: the first media session in a test process starts cold (JIT, sipp starting), and on a
            // two-core machine its clock skipped up to half a second of ticks at the start of the call, which drops that
            // audio by design (the session keeps real time rather than building latency). That is not what this test is
            // about, so the speech starts once the session is warm.
            var codes = new byte[LeadIn + source.Length];
            codes.AsSpan(0, LeadIn).Fill(MuLaw.Encode(0));
            MuLaw.Encode(source, codes.AsSpan(LeadIn));
            var pcap = Path.Combine(work.FullName, "speech.pcap");
            RtpPcapWriter.WriteG711(pcap, codes, payloadType: 0);

            var handler = new MediaProbeHandler();
            await using (var bot = MediaProbeHandler.StartBot(handler))
            {
                var result = await SippRunner.RunAsync(new SippOptions
                {
                    ScenarioFile = SippScenarios.WithPcap(pcap, work.FullName),
                    Target = new IPEndPoint(IPAddress.Loopback, bot.Port),
                    Pause = TimeSpan.FromSeconds(3.5),
                    Timeout = Bound,
                });
                Assert.True(result.Succeeded(1), result.Describe());
                await handler.Ended.WaitAsync(Bound);
            }

            var resampler = new PcmResampler(8000, 16000);
            var reference = new short[resampler.GetOutputLength(source.Length)];
            reference = reference[..resampler.Process(source, reference)];
            var windows = WindowCorrelations(handler.Samples(), reference);

            // Pauses between words carry too little energy for a correlation to mean anything; judge the voiced windows.
            var voiced = windows.Where(w => w.Voiced).Select(w => w.Correlation).ToArray();
            var good = voiced.Count(c => c >= 0.9);
            Assert.True(voiced.Length >= windows.Length / 2, $"only {voiced.Length} of {windows.Length} windows hold speech");
            Assert.True(good >= 0.9 * voiced.Length,
                $"{good} of {voiced.Length} voiced windows correlate at 0.9 or better: {string.Join(' ', voiced.Select(c => c.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)))}; {handler.Statistics}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    // Real speech: JFK's inaugural address (shared/speech/jfk.wav, 16 kHz), from its first word, taken to 8 kHz as a
    // phone would send it. Its pitch and formants change from one syllable to the next, so only the right lag
    // correlates highly, and a gap or a repeat shows up at once.
    private static short[] Speech(double seconds)
    {
        var (rate, clip) = SpeechClips.Read("jfk.wav");
        var start = Array.FindIndex(clip, s => Math.Abs((int)s) > 1000);
        Assert.True(start >= 0 && start + (int)(seconds * rate) <= clip.Length, "jfk.wav holds less speech than the test needs");
        var downsampler = new PcmResampler(rate, 8000);
        var speech = clip.AsSpan(start, (int)(seconds * rate));
        var narrow = new short[downsampler.GetOutputLength(speech.Length)];
        return narrow[..downsampler.Process(speech, narrow)];
    }

    // The normalised cross-correlation of each 50 ms window of the reference with the received audio, at the window's
    // best lag. Whole-signal correlation is not the measure: the adaptive jitter buffer may conceal one frame to grow
    // or drop one to shrink at any point, which shifts everything after it by 20 ms; so each window's lag is searched
    // within 25 ms of the one before, starting where the signal starts, and an adjustment costs at most one window.
    private static (double Correlation, bool Voiced)[] WindowCorrelations(short[] received, short[] reference)
    {
        const int window = 800, drift = 400;
        var onset = Array.FindIndex(received, s => Math.Abs((int)s) > 1000);
        Assert.True(onset >= 0, $"no audio among {received.Length} received samples");
        var lag = onset - Array.FindIndex(reference, s => Math.Abs((int)s) > 1000);
        var loud = Rms(reference) / 4;
        var correlations = new (double, bool)[reference.Length / window];
        for (var w = 0; w < correlations.Length; w++)
        {
            var start = w * window;
            var target = reference.AsSpan(start, window);
            var best = (Correlation: 0.0, Lag: lag);
            for (var candidate = Math.Max(0, lag - drift); candidate <= Math.Min(lag + drift, received.Length - start - window); candidate++)
            {
                var correlation = Correlation(received.AsSpan(candidate + start, window), target);
                if (correlation > best.Correlation) best = (correlation, candidate);
            }

            correlations[w] = (best.Correlation, Rms(target) >= loud);
            lag = best.Lag;
        }

        return correlations;
    }

    private static double Rms(ReadOnlySpan<short> samples)
    {
        double energy = 0;
        foreach (var s in samples) energy += (double)s * s;
        return Math.Sqrt(energy / samples.Length);
    }

    private static double Correlation(ReadOnlySpan<short> a, ReadOnlySpan<short> b)
    {
        double dot = 0, energyA = 0, energyB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            energyA += (double)a[i] * a[i];
            energyB += (double)b[i] * b[i];
        }

        return energyA == 0 || energyB == 0 ? 0 : dot / Math.Sqrt(energyA * energyB);
    }
}
