using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>A real softphone (baresip) calls the bot; the bot's media session decodes what it plays and records it.</summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class BaresipMediaTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_opus_call_is_negotiated_and_baresips_440_Hz_tone_is_decoded()
    {
        // Two seconds of sound, so the last second is well past the decoder's and the jitter buffer's start-up.
        var handler = new MediaProbeHandler { AudibleFramesWanted = 100 };
        await using (var bot = MediaProbeHandler.StartBot(handler))
        {
            // baresip matches codecs by their full name: with plain "opus" it still offered PCMU, which the bot prefers.
            await using var phone = await BaresipRunner.StartAsync(new BaresipOptions { AudioCodecs = ["opus/48000/2"] });
            await phone.DialAsync($"sip:bot@127.0.0.1:{bot.Port};transport=udp");
            await phone.WaitForEstablishedAsync(Bound);
            var media = await handler.Answered.WaitAsync(Bound);
            Assert.Equal("opus", media.Audio.Codec.EncodingName, ignoreCase: true);
            await handler.Heard.WaitAsync(Bound);
            await phone.HangupAsync();
            await phone.WaitForClosedAsync(Bound);
            await handler.Ended.WaitAsync(Bound);
        }

        var samples = handler.Samples();
        var end = Array.FindLastIndex(samples, s => Math.Abs((int)s) > 300) + 1;
        Assert.True(end >= 16000, $"only {end} samples up to the last sound; {handler.Statistics}");
        var peak = DominantFrequency(samples.AsSpan(end - 16000, 16000));
        Assert.True(Math.Abs(peak - 440) <= 3, $"dominant frequency {peak} Hz; {handler.Statistics}");
    }

    [Fact]
    public async Task Speech_baresip_plays_from_a_wav_is_decoded_to_the_same_signal_and_recorded()
    {
        var work = Directory.CreateTempSubdirectory("phoneagent-aufile-");
        try
        {
            // A second of silence first, so the speech starts once the session is warm (see SippMediaTests), and one
            // after it: aufile stops sending at the end of the file, and the session then delivers no more frames.
            var speech = SpeechMatch.Narrowband(seconds: 2);
            var played = new short[8000 + speech.Length + 8000];
            speech.CopyTo(played, 8000);
            var wav = Path.Combine(work.FullName, "speech.wav");
            WavFile.Write(wav, 8000, played);
            var recording = Path.Combine(work.FullName, "call.wav");

            // Wait for audio, not for time: the speech's frames from its first audible one, and a quarter second more.
            var handler = new MediaProbeHandler { FramesFromOnsetWanted = (speech.Length / 160) + 12, RecordingPath = recording };
            await using (var bot = MediaProbeHandler.StartBot(handler))
            {
                await using var phone = await BaresipRunner.StartAsync(new BaresipOptions { AudioCodecs = ["PCMU"], AudioSourceWav = wav });
                await phone.DialAsync($"sip:bot@127.0.0.1:{bot.Port};transport=udp");
                await phone.WaitForEstablishedAsync(Bound);
                await handler.HeardThrough.WaitAsync(Bound);
                await phone.HangupAsync();
                await phone.WaitForClosedAsync(Bound);
                await handler.Ended.WaitAsync(Bound);
            }

            var reference = SpeechMatch.ToWideband(speech);
            SpeechMatch.AssertSameSpeech(handler.Samples(), reference, $"decoded; {handler.Statistics}");

            // The recording is a valid 16 kHz stereo file whose caller channel holds the same speech.
            var (rate, channels, samples) = WavFile.Read(recording);
            Assert.Equal((16000, 2), (rate, channels));
            SpeechMatch.AssertSameSpeech(WavFile.Channel(samples, channels, 0), reference, "recorded caller channel");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_key_pressed_in_baresip_reaches_the_bot_once()
    {
        var handler = new MediaProbeHandler();
        await using (var bot = MediaProbeHandler.StartBot(handler))
        {
            await using var phone = await BaresipRunner.StartAsync();
            await phone.DialAsync($"sip:bot@127.0.0.1:{bot.Port};transport=udp");
            await phone.WaitForEstablishedAsync(Bound);
            var media = await handler.Answered.WaitAsync(Bound);
            Assert.NotNull(media.Audio.TelephoneEvent);
            await phone.SendDtmfAsync("7");
            await handler.FirstDigit.WaitAsync(Bound);
            await phone.HangupAsync();
            await phone.WaitForClosedAsync(Bound);
            await handler.Ended.WaitAsync(Bound);
        }

        Assert.Equal('7', Assert.Single(handler.Digits).Digit);
    }

    // The strongest whole-hertz frequency between 100 Hz and 2 kHz in one second at 16 kHz, where DFT bins are 1 Hz apart.
    private static int DominantFrequency(ReadOnlySpan<short> second)
    {
        var (best, bestPower) = (0, -1.0);
        for (var frequency = 100; frequency <= 2000; frequency++)
        {
            double re = 0, im = 0;
            for (var n = 0; n < second.Length; n++)
            {
                var phase = 2 * Math.PI * frequency * n / 16000;
                re += second[n] * Math.Cos(phase);
                im -= second[n] * Math.Sin(phase);
            }

            var power = (re * re) + (im * im);
            if (power > bestPower) (best, bestPower) = (frequency, power);
        }

        return best;
    }
}
