using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using PhoneAgent.Host;
using PhoneAgent.Host.Calls;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Testing.Calls;

namespace PhoneAgent.Integration.Tests.Conversation;

/// <summary>
/// The packet-level caller that conversation tests and bench/conversation time the bot with: checked against the
/// bot's echo, so its send times, capture times and audio levels are known to mean what they say.
/// </summary>
[Collection(PhoneAgent.Integration.Tests.Media.RealTimeMediaCollection.Name)]
public sealed class LoopbackCallerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // 200 ms of the bot's media: its session is up and its media path has run, so is compiled.
    private const int BotPacketsBeforeSpeaking = 10;

    [Fact]
    public async Task A_tone_sent_by_the_caller_comes_back_as_captured_audio_after_the_onset()
    {
        var log = new LogCapture(TimeProvider.System);
        var (collections, paused) = (GC.CollectionCount(0), GC.GetTotalPauseDuration());
        var options = new SipUserAgentOptions { ListenAddress = IPAddress.Loopback, Port = 0, RingingTime = TimeSpan.Zero, RtpPortMin = 45000, RtpPortMax = 45999 };
        var settings = new MediaSettings { Echo = true };
        using var engine = new MediaEngine(TimeProvider.System, settings, log);
        var handler = new MediaCallHandler(settings, engine, log);
        var agent = new SipUserAgent(options, handler, log, TimeProvider.System);
        CallerUtterance utterance;
        CapturedPacket? echo;
        IReadOnlyList<CapturedPacket> received;
        string callerSide;
        try
        {
            agent.Start();
            await using var caller = await LoopbackCaller.CallAsync(new IPEndPoint(IPAddress.Loopback, agent.Port));

            // The first call of a process starts cold: the bot's media path is compiled as it first runs, which on a
            // loaded machine took over a second. The bot sent nothing meanwhile and then, as it should, discarded the
            // caller's audio that had piled up beyond its jitter buffer, tone and all. So speak once the bot's media
            // flows, as a caller waits for the greeting.
            await WhenBotSendsAsync(caller.Media);
            var tone = new short[8000];
            for (var i = 4000; i < tone.Length; i++) tone[i] = (short)(3000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0));
            utterance = caller.Media.Say(tone);
            await utterance.Sent.WaitAsync(Timeout);
            echo = await EchoAsync(caller.Media, utterance);
            await caller.HangupAsync();
            received = caller.Media.Received;
            callerSide = Describe(caller.Media, utterance, log.Now - caller.Media.Now);
        }
        finally
        {
            // Waits for the call handler, which logs the media session's statistics as the call ends.
            await agent.DisposeAsync();
        }

        // The caller and the bot share this process: a pause of the runtime stops both.
        var report = callerSide + Describe(log)
            + $"\nprocess: {GC.CollectionCount(0) - collections} garbage collections, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms paused";

        // Half a second of silence went first, so the onset is 25 frames in; the echo passes a jitter buffer.
        Assert.True(echo is not null, $"no echo above -40 dBFS within {Timeout.TotalSeconds} s of the utterance's last frame{report}");
        Assert.NotNull(utterance.FirstSpeechSent);
        var speech = utterance.LastSpeechSent!.Value - utterance.FirstSpeechSent!.Value;
        Assert.True(speech >= TimeSpan.FromMilliseconds(440) && speech <= TimeSpan.FromMilliseconds(560), $"speech sent over {speech.TotalMilliseconds:F0} ms, not 440-560{report}");
        var delay = echo.Arrival - utterance.FirstSpeechSent!.Value;
        Assert.True(delay >= TimeSpan.Zero && delay <= TimeSpan.FromMilliseconds(400), $"echo {delay.TotalMilliseconds:F0} ms after the onset, not 0-400{report}");
        Assert.All(received.Where(p => p.Arrival < utterance.FirstSpeechSent), p => Assert.True(p.Level < -60, $"bot audio before the caller spoke: {p.Level:F0} dBFS{report}"));
    }

    private static async Task WhenBotSendsAsync(CallerMedia media)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!timeout.IsCancellationRequested && media.Received.Count < BotPacketsBeforeSpeaking)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<CapturedPacket?> EchoAsync(CallerMedia media, CallerUtterance utterance)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (!timeout.IsCancellationRequested)
        {
            if (media.Received.FirstOrDefault(p => p.Arrival > utterance.FirstSpeechSent && p.Level > -40) is { } echo) return echo;
            await Task.Delay(20, CancellationToken.None);
        }

        return null;
    }

    private static string Describe(CallerMedia media, CallerUtterance utterance, TimeSpan offset)
    {
        static string Ms(TimeSpan? t) => t is { } v ? v.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "never";
        var received = media.Received;
        var loud = received.Where(p => p.Level > -40).ToList();
        var text = new StringBuilder("\ncaller (times on the bot log's scale):")
            .Append(CultureInfo.InvariantCulture, $"\n  media from 127.0.0.1:{media.Port} started {Ms(media.SendStarted + offset)}, {media.PacketsSent} packets sent")
            .Append(CultureInfo.InvariantCulture, $"\n  onset sent {Ms(utterance.FirstSpeechSent + offset)}, last speech {Ms(utterance.LastSpeechSent + offset)}, utterance done {Ms(utterance.Sent.IsCompletedSuccessfully ? utterance.Sent.Result + offset : null)}")
            .Append(CultureInfo.InvariantCulture, $"\n  {received.Count} packets received, first {Ms(received.FirstOrDefault()?.Arrival + offset)}, {BotPacketsBeforeSpeaking}th (then the caller spoke) {Ms(received.ElementAtOrDefault(BotPacketsBeforeSpeaking - 1)?.Arrival + offset)}, last {Ms(received.LastOrDefault()?.Arrival + offset)}")
            .Append(CultureInfo.InvariantCulture, $"\n  {loud.Count} above -40 dBFS, first {Ms(loud.FirstOrDefault()?.Arrival + offset)}, last {Ms(loud.LastOrDefault()?.Arrival + offset)}; loudest {(received.Count == 0 ? double.NegativeInfinity : received.Max(p => p.Level)):F0} dBFS");
        return text.ToString();
    }

    private static string Describe(LogCapture log)
    {
        var text = new StringBuilder("\nbot session:");
        foreach (var s in log.Values<MediaSessionStatistics>("Statistics"))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  latched {s.LatchedSource?.ToString() ?? "nothing"}; {s.PacketsReceived} received, {s.PacketsSent} sent; lost {s.Lost}, late {s.Late}, duplicates {s.Duplicates}, discarded {s.Discarded}, frames dropped {s.FramesDropped}")
                .Append(CultureInfo.InvariantCulture, $"\n  late ticks {s.LateTicks}, skipped ticks {s.SkippedTicks}; dropped {string.Join(", ", s.Dropped.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}"))}");
        }

        text.Append("\nbot log:");
        foreach (var e in log.Entries.Where(e => e.Level >= LogLevel.Information))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n  {e.At.TotalMilliseconds,7:F0} ms {e.Level} {e.Category}: {e.Message}{(e.Exception is null ? string.Empty : " " + e.Exception.Message)}");
        }

        return text.ToString();
    }
}
