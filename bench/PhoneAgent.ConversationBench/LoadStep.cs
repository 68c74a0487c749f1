using System.Collections.Concurrent;
using System.Diagnostics;
using PhoneAgent.Testing.Calls;

namespace PhoneAgent.ConversationBench;

/// <summary>
/// Part two, one step: <c>N</c> concurrent calls, each a caller that keeps asking questions (listening to two to four
/// seconds of every reply before barging in with the next), measured over a window once every call is up.
/// </summary>
internal static class LoadStep
{
    /// <summary>The pass criterion: no call's send-jitter 99th percentile above this, in ms.</summary>
    public const double JitterLimitMs = 5;

    /// <summary>
    /// The other half of sustaining the calls: the bot still holds the conversations. With its media clock at realtime
    /// priority the packets stay on time even when recognition falls behind, so jitter alone would pass a step
    /// whose callers wait in silence. At most this share of questions may go unanswered within the reply timeout...
    /// </summary>
    public const double MaxUnansweredShare = 0.05;

    /// <summary>...and the median voice-to-voice latency may be at most this, in ms (twice the single-call target).</summary>
    public const double MaxVoiceToVoiceP50Ms = 1000;

    /// <summary>Whether a step sustained its <paramref name="calls"/> calls.</summary>
    public static bool Passed(LoadResult r, int calls) =>
        r.Connected == calls && r.WorstCallP99 <= JitterLimitMs &&
        r.Turns > 0 && r.Unanswered <= MaxUnansweredShare * r.Turns && r.VoiceToVoiceP50 <= MaxVoiceToVoiceP50Ms;

    // Calls are placed this far apart, so that call setup (and the bot loading a recogniser per new call) is spread out.
    private static readonly TimeSpan Stagger = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Ptime = TimeSpan.FromMilliseconds(20);

    /// <summary>Runs one step of <paramref name="n"/> calls.</summary>
    public static async Task<LoadResult> RunAsync(
        BotProcess bot, IReadOnlyList<Question> questions, int n, TimeSpan warmup, TimeSpan window, int seed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var calls = new ScriptedCall?[n];
        var callers = new LoopbackCaller?[n];
        var turns = new ConcurrentBag<(int Call, TurnResult Turn)>();
        var runs = Enumerable.Range(0, n).Select(i => RunCallAsync(i)).ToArray();

        // Every call is up (or failed) once the last one has been placed and answered; then warm up and measure.
        await Task.Delay((Stagger * n) + TimeSpan.FromSeconds(1.5), cancellationToken);
        await Task.Delay(warmup, cancellationToken);
        var windowStart = new TimeSpan?[n];
        for (var i = 0; i < n; i++) windowStart[i] = calls[i]?.Now;
        var loadStart = LoadAverage();
        var botCpu = bot.Cpu();
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(window, cancellationToken);
        var windowEnd = new TimeSpan?[n];
        for (var i = 0; i < n; i++) windowEnd[i] = calls[i]?.Now;
        var elapsed = wall.Elapsed;
        var botCpuPercent = 100 * (bot.Cpu() - botCpu) / elapsed;
        var benchCpuPercent = 100 * (Process.GetCurrentProcess().TotalProcessorTime - benchCpu) / elapsed;
        var rss = bot.ResidentMegabytes();
        var loadEnd = LoadAverage();

        await stop.CancelAsync();
        await Task.WhenAll(runs);
        await Task.WhenAll(callers.Where(c => c is not null).Select(c => EndAsync(c!)));

        var jitter = new List<double>();
        var worst = 0.0;
        var over = 0;
        var connected = 0;
        long expected = 0, lost = 0;
        for (var i = 0; i < n; i++)
        {
            if (calls[i] is not { } call || windowStart[i] is not { } start || windowEnd[i] is not { } end) continue;
            var own = Spacing(call.Packets, start, end, ref expected, ref lost);
            if (own.Count == 0) continue;
            connected++;
            var p99 = Percentiles.Of(own, 99);
            worst = Math.Max(worst, double.IsNaN(p99) ? 0 : p99);
            if (p99 > JitterLimitMs) over++;
            jitter.AddRange(own);
        }

        var inWindow = turns
            .Where(t => windowStart[t.Call] is { } s && windowEnd[t.Call] is { } e && t.Turn.SpeechEnd >= s && t.Turn.SpeechEnd <= e)
            .Select(t => t.Turn)
            .ToList();
        return new LoadResult(
            n, connected, Percentiles.Of(jitter, 50), Percentiles.Of(jitter, 99), worst, over, expected, lost, botCpuPercent, benchCpuPercent,
            inWindow.Count, inWindow.Count(t => t.VoiceToVoiceMs is null && !t.TalkedOver),
            Percentiles.Of(inWindow.Where(t => t.VoiceToVoiceMs is not null).Select(t => t.VoiceToVoiceMs!.Value), 50),
            Percentiles.Of(inWindow.Where(t => t.VoiceToVoiceMs is not null).Select(t => t.VoiceToVoiceMs!.Value), 95),
            Percentiles.Of(inWindow.Where(t => t.BargeInMs is not null).Select(t => t.BargeInMs!.Value), 95),
            $"{loadStart} → {loadEnd}", rss);

        async Task RunCallAsync(int i)
        {
            var random = new Random(seed + i);
            try
            {
                await Task.Delay(Stagger * i, stop.Token);
                var caller = await LoopbackCaller.CallAsync(bot.SipEndPoint, cancellationToken: stop.Token);
                callers[i] = caller;
                var call = new ScriptedCall(caller, questions, random);
                calls[i] = call;
                await call.RunAsync(int.MaxValue, () => TimeSpan.FromMilliseconds(random.Next(2000, 4000)), t => turns.Add((i, t)), stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                Console.Error.WriteLine($"conversation: call {i} failed: {e.Message}");
            }
        }
    }

    // |interval − expected interval| between consecutive packets of one call that arrived in the window, where a gap
    // of k sequence numbers is expected to take k periods; also counts the gaps as lost packets.
    private static List<double> Spacing(IReadOnlyList<CapturedPacket> packets, TimeSpan start, TimeSpan end, ref long expected, ref long lost)
    {
        var spacing = new List<double>();
        CapturedPacket? previous = null;
        foreach (var p in packets)
        {
            if (p.Arrival < start || p.Arrival > end) continue;
            expected++;
            if (previous is not null)
            {
                var step = (ushort)(p.SequenceNumber - previous.SequenceNumber);
                if (step is > 0 and < 1000)
                {
                    lost += step - 1;
                    expected += step - 1;
                    spacing.Add(Math.Abs((p.Arrival - previous.Arrival - (Ptime * step)).TotalMilliseconds));
                }
            }

            previous = p;
        }

        return spacing;
    }

    private static async Task EndAsync(LoopbackCaller caller)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await caller.HangupAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("conversation: a BYE went unanswered");
        }
        finally
        {
            await caller.DisposeAsync();
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
