using System.Globalization;
using System.Net;
using PhoneAgent.MediaLoad;
using PhoneAgent.Sip.Media;
using PhoneAgent.Sip.Sdp;

// The media engine's capacity on this machine: N concurrent echo calls over loopback per step; see bench/media-load
// for the flags and docs/PERFORMANCE.md for what the columns mean.
var calls = new[] { 100, 500, 1000 };
var seconds = 20;
var warmupSeconds = 3;
var codec = SdpCodec.Pcmu;
var portBase = 40000;
var maxSeconds = 300;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i++])
    {
        case "--calls": calls = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--warmup": warmupSeconds = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--codec": codec = value.ToUpperInvariant() switch { "PCMU" => SdpCodec.Pcmu, "PCMA" => SdpCodec.Pcma, _ => throw new ArgumentException("--codec must be PCMU or PCMA") }; break;
        case "--port-base": portBase = int.Parse(value, CultureInfo.InvariantCulture); break;
        case "--max-seconds": maxSeconds = int.Parse(value, CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"unknown argument {args[i - 1]}");
    }
}

if (calls.Length == 0 || calls.Any(c => c <= 0) || seconds <= 0 || warmupSeconds < 0) throw new ArgumentException("--calls, --seconds and --warmup must be positive");

// Two port pairs per call leave room for the caller lanes and for ports other processes hold.
var ports = new RtpPortAllocator(IPAddress.Loopback, portBase, Math.Min(65535, portBase + (4 * calls.Max()) + 63));
var cores = Environment.ProcessorCount;
var deadline = DateTime.UtcNow.AddSeconds(maxSeconds);
Console.WriteLine($"media-load: {codec.EncodingName} 20 ms, {seconds} s measured after {warmupSeconds} s warm-up per step, {cores} cores, echo on every call");
Console.WriteLine("CPU is the bot side (process minus caller threads); % of one core, and of the machine in brackets.");
Console.WriteLine("to-bot loss: caller packets the bot sessions never received; echo loss: bot packets the callers never received.");
Console.WriteLine("jitter: |interval - 20 ms| between consecutive echo arrivals of a call, in ms.");
Console.WriteLine();
Console.WriteLine("| calls | bot CPU | caller CPU | to-bot loss | echo loss | echo voice | jitter p50 | p99 | max | late ticks | skipped ticks | JB lost | kernel drops | GC 0/1/2, pause | alloc MB/s |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var n in calls)
{
    // Setup, warm-up, window and drains; a step that would overrun the bound is not started.
    if (DateTime.UtcNow.AddSeconds(warmupSeconds + seconds + 5 + (n / 500)) > deadline)
    {
        Console.WriteLine($"media-load: skipping {n} calls and beyond, the run would exceed {maxSeconds} s");
        break;
    }

    var r = await LoadRun.RunAsync(n, codec, TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(seconds), ports);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {r.Calls} | {r.BotCpuPercent:F0} % ({r.BotCpuPercent / cores:F0} %) | {r.CallerCpuPercent:F0} % | " +
        $"{Loss(r.CallerSent, r.BotReceived)} | {Loss(r.BotSent, r.EchoReceived)} | {100.0 * r.EchoVoice / Math.Max(1, r.EchoReceived):F0} % | " +
        $"{r.JitterP50:F2} | {r.JitterP99:F2} | {r.JitterMax:F1} | {r.LateTicks} | {r.SkippedTicks} | {r.JitterBufferLost} | {r.KernelDrops} | " +
        $"{r.Gen0}/{r.Gen1}/{r.Gen2}, {r.GcPause.TotalMilliseconds:F0} ms | {r.AllocatedMegabytesPerSecond:F1} |"));
    if (r.Strays > 0) Console.WriteLine($"media-load: {r.Strays} datagrams reached the callers that were not a timestamped echo of a known bot session");
}

static string Loss(long sent, long received) =>
    string.Create(CultureInfo.InvariantCulture, $"{sent - received} / {sent} ({100.0 * (sent - received) / Math.Max(1, sent):F3} %)");
