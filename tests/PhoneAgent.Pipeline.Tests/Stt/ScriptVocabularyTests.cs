using System.Diagnostics;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.Testing;
using PhoneAgent.Testing.Agents;
using PhoneAgent.Testing.Speech;
using Xunit.Abstractions;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>
/// pocketsphinx with a model built from sip-config/agents/default.yaml against the full 130k-word model: which intent
/// the scripted agent picks from what each heard, for questions voiced by flite through G.711 and for the recorded
/// clips in ../shared/speech, which are about none of the script's topics. Also prints the CPU each spent.
/// </summary>
public sealed class ScriptVocabularyTests(ITestOutputHelper output)
{
    private readonly ScriptIntents _intents = new(Checkout.DefaultScriptPath);

    [Fact]
    public async Task The_script_model_reaches_the_intended_reply_at_least_as_often_as_the_full_model()
    {
        var utterances = (await ScriptQuestions.VoiceAsync())
            .Select(q => ($"{q.Voice}: {q.Text}", q.Intent, Telephone.ThroughG711(q.Pcm, PipelineAudio.SampleRate)))
            .ToList();

        var (full, script) = await CompareAsync(utterances);

        var fullRight = full.Count(r => r.Heard == r.Intended);
        var scriptRight = script.Count(r => r.Heard == r.Intended);
        output.WriteLine($"intended reply: full model {fullRight}/{utterances.Count}, script model {scriptRight}/{utterances.Count}");

        // Measured: full 48/48, script 48/48 (the full model 46 with one linear band map; docs/PERFORMANCE.md). The
        // script model must not lose to the full one, and must reach five questions in six.
        Assert.InRange(scriptRight, Math.Max(fullRight, utterances.Count * 5 / 6), utterances.Count);
    }

    [Fact]
    public async Task Speech_about_something_else_rarely_reaches_an_intent_with_the_script_model()
    {
        var utterances = SpeechClips.All()
            .Select(c => (Label: c.File, Intended: _intents.IntentOf(c.Transcript), Audio: SpeechClips.Read(c.File)))
            .Select(c => (c.Label, c.Intended, Telephone.ThroughG711(c.Audio.Samples, c.Audio.SampleRate)))
            .ToList();

        var (full, script) = await CompareAsync(utterances);

        // A wrong intent answers a question the caller did not ask; the fallback at least asks again.
        var fullWrong = full.Count(r => r.Heard != r.Intended && r.Heard != ScriptIntents.Fallback);
        var scriptWrong = script.Count(r => r.Heard != r.Intended && r.Heard != ScriptIntents.Fallback);
        output.WriteLine($"wrong intent: full model {fullWrong}/{utterances.Count}, script model {scriptWrong}/{utterances.Count}");

        // Measured: full 2/17, script 4/17 (docs/PERFORMANCE.md). The script model's four are the cards clips, whose
        // "clubs" is not among its words and comes out as "close", an opening-hours keyword; the full model knows the
        // word and hears it on more of them the better the telephone front end is (3 with one linear band map, 2 with
        // the mixture), so the bound is the script model's own count rather than the full model's plus one, which a
        // better front end would fail for no change in the script model. With the script's words given half the
        // unigram mass instead of a twentieth, the script model reached 6.
        Assert.InRange(scriptWrong, 0, 4);
    }

    private async Task<(List<Result> Full, List<Result> Script)> CompareAsync(List<(string Label, string Intent, short[] Pcm)> utterances)
    {
        // One engine each, run one after the other, so each pass's CPU time is its own.
        using var fullEngine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default);
        using var scriptEngine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default, _intents.Agent.Vocabulary);
        output.WriteLine($"script model: {scriptEngine.VocabularySize} words");
        var audioSeconds = utterances.Sum(u => u.Pcm.Length) / (double)PipelineAudio.SampleRate;
        var full = await RunAsync(fullEngine, utterances, "full", audioSeconds);
        var script = await RunAsync(scriptEngine, utterances, "script", audioSeconds);

        output.WriteLine($"{"utterance",-60} {"full",-9} {"script",-9} script hypothesis / full hypothesis");
        for (var i = 0; i < utterances.Count; i++)
        {
            output.WriteLine($"{utterances[i].Label,-60} {Mark(full[i])} {Mark(script[i])} {script[i].Text} / {full[i].Text}");
        }

        return (full, script);
    }

    private async Task<List<Result>> RunAsync(ISpeechToText engine, List<(string Label, string Intent, short[] Pcm)> utterances, string name, double audioSeconds)
    {
        var options = new SpeechStreamOptions(InputBandwidth.Narrowband, []);
        var results = new List<Result>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var (_, intent, pcm) in utterances)
        {
            var events = await Transcriber.RunAsync(engine, pcm, options);
            results.Add(new Result(intent, events[^1].Text, string.Empty));
        }

        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine($"{name} model: {cpu.TotalSeconds:F1} CPU s for {audioSeconds:F1} s of audio = {cpu.TotalSeconds / audioSeconds:F3} CPU s per audio s");
        return results.Select(r => r with { Heard = _intents.IntentOf(r.Text) }).ToList();
    }

    private static string Mark(Result result) => $"{(result.Heard == result.Intended ? "ok" : "MISS")} {result.Heard,-6}"[..9];

    private sealed record Result(string Intended, string Text, string Heard);
}
