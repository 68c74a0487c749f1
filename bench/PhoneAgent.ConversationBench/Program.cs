using System.Globalization;
using PhoneAgent.ConversationBench;

// The embedded stack end to end, timed from the caller's packets: see bench/conversation for the flags and
// docs/PERFORMANCE.md for what the figures mean.
var turns = 20;
var calls = new[] { 10, 25, 50, 75, 100 };
var seconds = 20;
var warmupSeconds = 5;
var voice = "kal16";
var maxSeconds = 300;
var seed = 1;
var hostArguments = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i++])
    {
        case "--turns": turns = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--calls": calls = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--warmup": warmupSeconds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--voice": voice = value; break;
        case "--max-seconds": maxSeconds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--host-arg": hostArguments.Add(value); break;
        default: throw new ArgumentException($"unknown argument {args[i - 1]}");
    }
}

if (turns < 0 || calls.Any(c => c <= 0) || seconds <= 0 || warmupSeconds < 0) throw new ArgumentException("--turns must not be negative; --calls, --seconds and --warmup must be positive");

var deadline = DateTime.UtcNow.AddSeconds(maxSeconds);
var questions = await Question.SynthesizeAllAsync(voice);
await using var bot = await BotProcess.StartAsync(hostArguments);
Console.WriteLine($"conversation: phoneagent (pid {bot.Id}, default configuration{(hostArguments.Count > 0 ? " + " + string.Join(' ', hostArguments) : string.Empty)}) on {bot.SipEndPoint}; its log: {bot.Work.FullName}/phoneagent.log");
Console.WriteLine($"conversation: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()} at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; caller voice flite {voice}");

if (turns > 0)
{
    var cpuBefore = bot.Cpu();
    var wall = System.Diagnostics.Stopwatch.StartNew();
    var results = await LatencyRun.RunAsync(bot, questions, turns, new Random(seed), CancellationToken.None);
    var cpu = bot.Cpu() - cpuBefore;
    var v2v = results.Where(r => r.VoiceToVoiceMs is not null).Select(r => r.VoiceToVoiceMs!.Value).ToList();
    var bargeIn = results.Where(r => r.BargeInMs is not null).Select(r => r.BargeInMs!.Value).ToList();
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Latency, {results.Count} turns one call at a time in {wall.Elapsed.TotalSeconds:F0} s; bot CPU {cpu.TotalSeconds:F1} s ({100 * cpu / wall.Elapsed:F0} % of a core for one call, {1000 * cpu.TotalSeconds / Math.Max(1, results.Count):F0} ms a turn); load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}:"));
    Console.WriteLine("| measure | turns | p50 (ms) | p95 (ms) | max (ms) | target |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
    Console.WriteLine($"| voice-to-voice (end of caller speech → first bot audio) | {v2v.Count} | {Percentiles.Ms(Percentiles.Of(v2v, 50))} | {Percentiles.Ms(Percentiles.Of(v2v, 95))} | {Percentiles.Ms(Percentiles.Of(v2v, 100))} | p50 ≤ 500 |");
    Console.WriteLine($"| barge-in (caller onset → last bot audio) | {bargeIn.Count} | {Percentiles.Ms(Percentiles.Of(bargeIn, 50))} | {Percentiles.Ms(Percentiles.Of(bargeIn, 95))} | {Percentiles.Ms(Percentiles.Of(bargeIn, 100))} | p95 ≤ 80 |");
    var unanswered = results.Count(r => r.VoiceToVoiceMs is null && !r.TalkedOver);
    var talkedOver = results.Count(r => r.TalkedOver);
    if (unanswered + talkedOver > 0) Console.WriteLine($"conversation: {unanswered} questions got no reply within {ScriptedCall.ReplyTimeout.TotalSeconds} s; the bot talked over {talkedOver}");
}

if (calls.Length > 0)
{
    Console.WriteLine();
    Console.WriteLine($"Concurrent calls ({seconds} s measured after {warmupSeconds} s warm-up; jitter: |arrival interval − 20 ms| of the bot's packets at the callers; pass: no call's p99 above {LoadStep.JitterLimitMs} ms, at most {LoadStep.MaxUnansweredShare:P0} of questions without a reply, voice-to-voice p50 at most {LoadStep.MaxVoiceToVoiceP50Ms} ms):");
    Console.WriteLine("| calls | up | jitter p50 (ms) | p99 (ms) | worst call p99 (ms) | calls over | loss | bot CPU (1 core = 100 %) | per call | caller CPU | bot RSS (MiB) | turns | no reply | v2v p50 (ms) | v2v p95 (ms) | barge-in p95 (ms) | load avg | pass |");
    Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
    var largest = 0;
    foreach (var n in calls)
    {
        if (DateTime.UtcNow.AddSeconds((0.05 * n) + 1.5 + warmupSeconds + seconds + 5) > deadline)
        {
            Console.WriteLine($"conversation: skipping {n} calls and beyond, the run would exceed {maxSeconds} s");
            break;
        }

        var r = await LoadStep.RunAsync(bot, questions, n, TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(seconds), seed, CancellationToken.None);
        var pass = LoadStep.Passed(r, n);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {n} | {r.Connected} | {Percentiles.Ms2(r.JitterP50)} | {Percentiles.Ms2(r.JitterP99)} | {Percentiles.Ms2(r.WorstCallP99)} | {r.CallsOverLimit} | " +
            $"{r.Lost} / {r.Expected} | {r.BotCpuPercent:F0} % | {r.BotCpuPercent / n:F1} % | {r.BenchCpuPercent:F0} % | {r.ResidentMegabytes:F0} | " +
            $"{r.Turns} | {r.Unanswered} | {Percentiles.Ms(r.VoiceToVoiceP50)} | {Percentiles.Ms(r.VoiceToVoiceP95)} | {Percentiles.Ms(r.BargeInP95)} | {r.LoadAverage} | {(pass ? "yes" : "no")} |"));
        if (!pass) break;
        largest = n;

        // Let the bot finish the hung-up calls before the next step.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    Console.WriteLine($"conversation: largest passing step: {(largest == 0 ? "none" : largest.ToString(CultureInfo.InvariantCulture) + " calls")} (target ≥ 50)");
}
