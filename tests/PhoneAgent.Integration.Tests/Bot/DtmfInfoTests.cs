using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>Key presses sent as SIP INFO reach the call as events; other INFO bodies are refused.</summary>
public sealed class DtmfInfoTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Dtmf_relay_and_dtmf_info_become_digits_and_other_bodies_get_415()
    {
        await using var bot = BotInstance.Start(configure: o => o with { RingingTime = TimeSpan.Zero });
        using var caller = new RawUdpClient();
        caller.Send(bot.EndPoint, RawSip.Invite("dtmf-1", fromTag: "dtmf"));
        var ok = await caller.ReceiveFinalAsync();
        Assert.Equal(200, ok.StatusCode);
        var tag = ok.To!.Tag!;
        caller.Send(bot.EndPoint, RawSip.Request("ACK", "dtmf-1", 1, tag, "dtmf"));

        caller.Send(bot.EndPoint, RawSip.Request("INFO", "dtmf-1", 2, tag, "dtmf", "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        caller.Send(bot.EndPoint, RawSip.Request("INFO", "dtmf-1", 3, tag, "dtmf", "application/dtmf", "#"));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        caller.Send(bot.EndPoint, RawSip.Request("INFO", "dtmf-1", 4, tag, "dtmf", "text/plain", "hello"));
        var refused = await caller.ReceiveFinalAsync();
        Assert.Equal(415, refused.StatusCode);
        Assert.Contains("application/dtmf-relay", refused.Headers.GetFirst("Accept"));

        caller.Send(bot.EndPoint, RawSip.Request("BYE", "dtmf-1", 5, tag, "dtmf"));
        Assert.Equal(200, (await caller.ReceiveFinalAsync()).StatusCode);
        var call = await bot.Handler.FirstCall.WaitAsync(Bound);
        await bot.Handler.EventsDrained(call).WaitAsync(Bound);
        var digits = bot.Handler.EventsOf(call).OfType<CallDtmfReceived>().Select(e => e.Digit).ToArray();
        Assert.Equal(['5', '#'], digits.Select(d => d.Digit));
        Assert.Equal(TimeSpan.FromMilliseconds(160), digits[0].Duration);
    }
}
