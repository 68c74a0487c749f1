using PhoneAgent.Pipeline.Agents.Scripted;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Pipeline.Tts.Flite;
using PhoneAgent.Testing;
using PhoneAgent.Testing.Speech;
using Xunit.Abstractions;

namespace PhoneAgent.Pipeline.Tests.Tts;

/// <summary>
/// The engine round trip: what the bot's default voice says, as pocketsphinx hears it. A synthesiser that produced
/// noise, silence or the wrong words would be heard as something else, so the word error rate over the shipped
/// script's lines bounds how intelligible flite is to the same recogniser the end-to-end call tests judge the bot by.
/// </summary>
public sealed class FliteIntelligibilityTests(ITestOutputHelper output)
{
    // Measured on these lines (slt, 16 kHz, no hints): the script's replies 20.7 % (the names "Sunrise Bakery" and
    // "two days notice" are the usual misses), the short questions 0.0 %. The bounds leave room for decoder-state
    // differences; garbled or missing speech scores far above them (the reversed control below scored 140 %).
    private const double ReplyBoundPercent = 30;
    private const double QuestionBoundPercent = 15;

    private static readonly string[] Questions =
    [
        "What are your opening hours?",
        "Where are you located?",
        "I would like to order a birthday cake.",
        "Can I speak to a person, please?",
    ];

    [Fact]
    public async Task The_default_voice_reading_the_shipped_script_is_understood_by_the_recogniser()
    {
        var script = AgentScript.Load(Checkout.DefaultScriptPath);
        string[] replies = [script.Greeting, .. script.Intents.Select(i => i.Reply), script.Goodbye!.Reply, script.Fallback.Reply];
        var tts = new FliteTextToSpeech();
        using var stt = new PocketSphinxSpeechToText(PocketSphinxOptions.Default);

        var replyWer = await WerAsync(tts, stt, replies);
        var questionWer = await WerAsync(tts, stt, Questions);

        Assert.InRange(replyWer, 0, ReplyBoundPercent);
        Assert.InRange(questionWer, 0, QuestionBoundPercent);
    }

    [Fact]
    public async Task The_same_audio_played_backwards_is_not_understood()
    {
        // The control for the bounds above: speech-like audio with the same spectrum and loudness but no words.
        var tts = new FliteTextToSpeech();
        using var stt = new PocketSphinxSpeechToText(PocketSphinxOptions.Default);
        var speech = (await SpeechAudio.CollectAsync(tts, Questions[0])).Samples;
        Array.Reverse(speech);

        var events = await Transcriber.RunAsync(stt, speech, SpeechStreamOptions.Default);
        var wer = WordErrorRate.Percent(Questions[0], events[^1].Text);
        output.WriteLine($"reversed: '{events[^1].Text}' WER {wer:F1} %");

        Assert.True(wer > Math.Max(ReplyBoundPercent, QuestionBoundPercent), $"reversed speech scored {wer:F1} %, within a bound");
    }

    private async Task<double> WerAsync(FliteTextToSpeech tts, PocketSphinxSpeechToText stt, IReadOnlyList<string> lines)
    {
        int words = 0, errors = 0;
        foreach (var line in lines)
        {
            var speech = await SpeechAudio.CollectAsync(tts, line);
            var events = await Transcriber.RunAsync(stt, speech.Samples, SpeechStreamOptions.Default);
            var reference = WordErrorRate.Words(line);
            var lineErrors = WordErrorRate.Errors(reference, WordErrorRate.Words(events[^1].Text));
            words += reference.Length;
            errors += lineErrors;
            output.WriteLine($"{lineErrors,3}/{reference.Length,-3} {events[^1].Text}");
        }

        var wer = 100.0 * errors / words;
        output.WriteLine($"WER {wer:F1} % over {words} words");
        return wer;
    }
}
