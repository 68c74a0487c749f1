using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>A real softphone (baresip) dials the bot; the call is hung up cleanly from each side.</summary>
public sealed class BaresipCallTests
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Caller_hangs_up(PeerTransport transport)
    {
        await using var bot = BotInstance.Start();
        await using var phone = await BaresipRunner.StartAsync();
        await phone.DialAsync(BotUri(bot, transport));
        await phone.WaitForEstablishedAsync(EventTimeout);
        var call = await bot.Handler.FirstCall.WaitAsync(EventTimeout);
        await phone.HangupAsync();
        var ended = await call.Completion.WaitAsync(EventTimeout);
        Assert.Equal(CallEndCause.RemoteHangup, ended.Cause);
        await bot.Handler.EventsDrained(call).WaitAsync(EventTimeout);
        Assert.IsType<CallAnswered>(bot.Handler.EventsOf(call)[0]);
        await phone.WaitForClosedAsync(EventTimeout);
    }

    [Theory]
    [InlineData(PeerTransport.Udp)]
    [InlineData(PeerTransport.Tcp)]
    public async Task Bot_hangs_up(PeerTransport transport)
    {
        await using var bot = BotInstance.Start(new RecordingCallHandler { HangUpWhenAnswered = true });
        await using var phone = await BaresipRunner.StartAsync();
        await phone.DialAsync(BotUri(bot, transport));
        var closed = await phone.WaitForClosedAsync(EventTimeout);
        var call = await bot.Handler.FirstCall.WaitAsync(EventTimeout);
        Assert.Equal(CallEndCause.LocalHangup, (await call.Completion.WaitAsync(EventTimeout)).Cause);
        Assert.Contains("closed", closed, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(bot.Agent.Calls);
    }

    private static string BotUri(BotInstance bot, PeerTransport transport) =>
        $"sip:bot@127.0.0.1:{bot.EndPoint.Port}" + (transport == PeerTransport.Tcp ? ";transport=tcp" : string.Empty);
}
