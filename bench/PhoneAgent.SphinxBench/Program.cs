using System.Globalization;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt.PocketSphinx;
using PhoneAgent.SphinxBench;
using PhoneAgent.Testing;
using PhoneAgent.Testing.Agents;
using PhoneAgent.Testing.Speech;

// CPU and recognition quality of pocketsphinx under candidate decoder arguments, on the same material as
// PocketSphinxAccuracyTests (the ../shared/speech clips at 16 kHz and through G.711, full model) and
// ScriptVocabularyTests (the script's 48 flite questions and the 17 clips through G.711, script model):
//
//   dotnet run --project bench/PhoneAgent.SphinxBench -c Release -- [--repeat N] [--frames K] [--calls C] [--script-only] label=ARGUMENTS...
//   dotnet run --project bench/PhoneAgent.SphinxBench -c Release -- --streams C [--seconds S] [--repeat N] [--frames K] [label=ARGUMENTS]
//
// e.g. `product= ds2="-ds 2" topn2="-topn 2"`; an empty ARGUMENTS is the product's own setting (the script model's passes with its search arguments first). Each pass loads a
// fresh decoder and feeds it 20 ms frames on this thread, asking for the partial hypothesis after every K frames as
// PocketSphinxStream does after every post, so the process's CPU time (getrusage, via TotalProcessorTime) around
// a pass is the decode's own: other processes on the machine do not count, unlike wall time. Repetitions run
// interleaved (every setting once, then again), so a busy spell on the shared machine spreads over all settings.
// --script-only skips the full model's passes: the scripted agent's calls search only the script model. --calls C
// runs the script model's passes as C decoders taking turns a step each, as C calls' decoding threads share a core:
// their models' tables then compete for the caches, which one decoder alone never shows.
//
// --streams C instead feeds the script questions to C of the product's streams (PocketSphinxStream) at once, in real
// time, K frames a post, for S seconds (default 60), and prints the process's CPU per second of audio: what a host's
// recognition costs with its thread wake-ups, partial hypotheses and result delivery, with the one setting given —
// and the time from each question's Flush to its final result (p50/p95/max), which grows once the calls' decoding
// outruns the machine.
var repeat = 3;
var scriptOnly = false;
var calls = 1;
var streamCalls = 0;
var seconds = 60;
var framesPerDecode = 1;
var settings = new List<Setting>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--repeat":
            repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--frames":
            framesPerDecode = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--calls":
            calls = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--streams":
            streamCalls = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--seconds":
            seconds = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--script-only":
            scriptOnly = true;
            break;
        default:
            settings.Add(Setting.Parse(args[i]));
            break;
    }
}

if (settings.Count == 0) settings.Add(Setting.Parse("product="));

var material = await Material.LoadAsync();
var scoring = new ScriptIntents(Checkout.DefaultScriptPath);
using var scriptModel = ScriptLanguageModel.Build(scoring.Agent.Vocabulary, PocketSphinxOptions.Default.DictionaryPath);

if (streamCalls > 0)
{
    var questionAudio = material.Questions.Select(q => q.Telephone).ToList();
    using var engine = new PocketSphinxSpeechToText(PocketSphinxOptions.Default with { ArgumentOverrides = settings[0].Arguments }, scoring.Agent.Vocabulary);
    for (var r = 0; r < repeat; r++)
    {
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var (cpu, finals) = await StreamLoad.RunAsync(engine, questionAudio, streamCalls, framesPerDecode, TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"{streamCalls} streams, {framesPerDecode} frame(s) a post, {seconds} s: {cpu:F4} CPU s per audio s; flush to final p50 {Percentile(finals, 0.5):F0} ms, p95 {Percentile(finals, 0.95):F0} ms, max {Percentile(finals, 1):F0} ms over {finals.Length} (load average before: {load})");
    }

    return;
}

Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} CPUs");
Console.WriteLine($"{material.Wideband.Count} clips, {material.WidebandSeconds:F1} s at 16 kHz; {material.Questions.Count} questions, {material.QuestionSeconds:F1} s; partial hypothesis every {framesPerDecode} frame(s); script model passes as {calls} call(s)");
Console.WriteLine($"{"setting",-14} {"run",3} {"16k CPU",8} {"8k CPU",8} {"scr CPU",8} {"ood CPU",8} {"16k err",7} {"8k err",7} {"intents",7} {"ood wrong",9}");

var runs = settings.ToDictionary(s => s, _ => new List<RunResult>());
for (var r = 0; r < repeat; r++)
{
    foreach (var setting in settings)
    {
        var full = PocketSphinxOptions.Default with { ArgumentOverrides = setting.Arguments };
        var script = scriptModel.DecoderOptions(full);
        var wide = scriptOnly ? Pass.Skipped : Pass.Run(full, InputBandwidth.Wideband, [.. material.Wideband.Select(c => c.Wideband!)], framesPerDecode);
        // All clips, the 8 kHz recording among them, as the accuracy test runs them: a decoder's cepstral mean carries
        // over from one utterance to the next. Only the clips with a wideband original count, and only their CPU.
        var narrow = scriptOnly ? Pass.Skipped : Pass.Run(full, InputBandwidth.Narrowband, [.. material.AllClips.Select(c => c.Telephone)], framesPerDecode, [.. material.AllClips.Select(c => c.Wideband is not null)]);
        var narrowFinals = narrow.Finals.Where((_, k) => material.AllClips[k].Wideband is not null).ToList();
        var questions = Pass.RunInterleaved(script, InputBandwidth.Narrowband, [.. material.Questions.Select(q => q.Telephone)], framesPerDecode, calls);
        var outOfDomain = Pass.RunInterleaved(script, InputBandwidth.Narrowband, [.. material.AllClips.Select(c => c.Telephone)], framesPerDecode, calls);

        var result = new RunResult(
            wide.CpuPerAudioSecond,
            narrow.CpuPerAudioSecond,
            questions.CpuPerAudioSecond,
            outOfDomain.CpuPerAudioSecond,
            scriptOnly ? -1 : material.Wideband.Select((c, k) => WordErrorRate.Errors(WordErrorRate.Words(c.Transcript), WordErrorRate.Words(wide.Finals[k]))).Sum(),
            scriptOnly ? -1 : material.Wideband.Select((c, k) => WordErrorRate.Errors(WordErrorRate.Words(c.Transcript), WordErrorRate.Words(narrowFinals[k]))).Sum(),
            material.Questions.Where((q, k) => scoring.IntentOf(questions.Finals[k]) == q.Intent).Count(),
            material.AllClips.Where((c, k) => scoring.IntentOf(outOfDomain.Finals[k]) is var heard && heard != ScriptIntents.Fallback && heard != scoring.IntentOf(c.Transcript)).Count());
        runs[setting].Add(result);
        Console.WriteLine($"{setting.Label,-14} {r + 1,3} {result.Wideband,8:F3} {result.Narrowband,8:F3} {result.Questions,8:F3} {result.OutOfDomain,8:F3} {result.WidebandErrors,7} {result.NarrowbandErrors,7} {result.IntentsRight,7} {result.OutOfDomainWrong,9}");
    }
}

Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine();
Console.WriteLine($"CPU s per audio s, median (min-max) of {repeat}; words {material.Words}, questions {material.Questions.Count}, out-of-domain clips {material.AllClips.Count}");
Console.WriteLine($"| setting | 16k CPU | 8k CPU | script questions CPU | script out-of-domain CPU | 16k errors | 8k errors | intents right | out-of-domain wrong |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
foreach (var (setting, results) in runs)
{
    // Recognition is deterministic for a fresh decoder; a repetition that differed would show as a range.
    Console.WriteLine($"| {setting.Label} `{string.Join(' ', setting.Arguments)}` | {Spread(results, r => r.Wideband)} | {Spread(results, r => r.Narrowband)} | {Spread(results, r => r.Questions)} | {Spread(results, r => r.OutOfDomain)} | {Range(results, r => r.WidebandErrors)} | {Range(results, r => r.NarrowbandErrors)} | {Range(results, r => r.IntentsRight)}/{material.Questions.Count} | {Range(results, r => r.OutOfDomainWrong)}/{material.AllClips.Count} |");
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Spread(List<RunResult> results, Func<RunResult, double> value)
{
    var sorted = results.Select(value).Order().ToArray();
    if (double.IsNaN(sorted[0])) return "-";
    return $"{sorted[sorted.Length / 2]:F3} ({sorted[0]:F3}-{sorted[^1]:F3})";
}

static string Range(List<RunResult> results, Func<RunResult, int> value)
{
    var (min, max) = (results.Min(value), results.Max(value));
    if (min < 0) return "-";
    return min == max ? $"{min}" : $"{min}-{max}";
}
