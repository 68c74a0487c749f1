using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Host;
using PhoneAgent.Host.Calls;
using PhoneAgent.Sip.Calls;
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

    [Fact]
    public async Task A_tone_sent_by_the_caller_comes_back_as_captured_audio_after_the_onset()
    {
        var options = new SipUserAgentOptions { ListenAddress = IPAddress.Loopback, Port = 0, RingingTime = TimeSpan.Zero, RtpPortMin = 45000, RtpPortMax = 45999 };
        var settings = new MediaSettings { Echo = true };
        using var engine = new MediaEngine(TimeProvider.System, settings, NullLoggerFactory.Instance);
        var handler = new MediaCallHandler(settings, engine, NullLoggerFactory.Instance);
        await using var agent = new SipUserAgent(options, handler, NullLoggerFactory.Instance, TimeProvider.System);
        agent.Start();

        await using var caller = await LoopbackCaller.CallAsync(new IPEndPoint(IPAddress.Loopback, agent.Port));
        var tone = new short[8000];
        for (var i = 4000; i < tone.Length; i++) tone[i] = (short)(3000 * Math.Sin(2 * Math.PI * 1000 * i / 8000.0));
        var utterance = caller.Media.Say(tone);
        await utterance.Sent.WaitAsync(Timeout);

        using var timeout = new CancellationTokenSource(Timeout);
        CapturedPacket? echo;
        while ((echo = caller.Media.Received.FirstOrDefault(p => p.Arrival > utterance.FirstSpeechSent && p.Level > -40)) is null)
        {
            await Task.Delay(20, timeout.Token);
        }

        // Half a second of silence went first, so the onset is 25 frames in; the echo passes a jitter buffer.
        Assert.NotNull(utterance.FirstSpeechSent);
        Assert.InRange(utterance.LastSpeechSent!.Value - utterance.FirstSpeechSent!.Value, TimeSpan.FromMilliseconds(440), TimeSpan.FromMilliseconds(560));
        Assert.InRange(echo.Arrival - utterance.FirstSpeechSent!.Value, TimeSpan.Zero, TimeSpan.FromMilliseconds(400));
        Assert.All(caller.Media.Received.Where(p => p.Arrival < utterance.FirstSpeechSent), p => Assert.True(p.Level < -60, $"bot audio before the caller spoke: {p.Level:F0} dBFS"));

        await caller.HangupAsync();
    }
}
