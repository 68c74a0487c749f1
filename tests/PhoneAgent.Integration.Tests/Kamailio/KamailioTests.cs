using PhoneAgent.Integration.Tests.Bot;
using PhoneAgent.Integration.Tests.Media;
using PhoneAgent.Integration.Tests.Peers;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Registration;

namespace PhoneAgent.Integration.Tests.Kamailio;

/// <summary>
/// The bot against a real registrar and proxy: it registers at Kamailio with Digest and refreshes, takes a call
/// that a sipp caller places to its AOR through Kamailio (Record-Route) with media flowing, hangs up along the
/// route set, and reports a wrong password clearly while backing off.
/// </summary>
[Collection(RealTimeMediaCollection.Name)]
public sealed class KamailioTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Registers_refreshes_and_takes_a_call_through_the_proxy()
    {
        await using var kamailio = await KamailioRunner.StartAsync();
        var handler = new MediaProbeHandler { AudibleFramesWanted = 25 };
        // 10 s is the cfg's min_expires: the bot refreshes halfway, 5 s in (real time: Kamailio keeps its own clock).
        await using var bot = MediaProbeHandler.StartBot(handler, o => o with { EnableTcp = false, Registrations = [Registration(kamailio, kamailio.Password)] });
        var registration = Assert.Single(bot.Registrations);
        await WaitFor(registration, r => r.SuccessCount >= 2, kamailio);
        Assert.True(registration.IsRegistered);
        Assert.Null(registration.LastError);

        var work = Directory.CreateTempSubdirectory("phoneagent-proxied-");
        try
        {
            var pcap = Path.Combine(work.FullName, "tone.pcap");
            RtpPcapWriter.WriteG711(pcap, Tone(seconds: 2), payloadType: 0);
            var caller = SippRunner.RunAsync(new SippOptions
            {
                ScenarioFile = SippScenarios.WithPcap(pcap, work.FullName, SippScenarios.ProxiedCall),
                Target = kamailio.EndPoint,
                Service = KamailioRunner.User,
                Timeout = Bounded,
                TraceMessages = true,
            });
            // The bot heard the caller's audio: media flows end to end while signalling goes through the proxy.
            await handler.Heard.WaitAsync(Bounded);
            var call = Assert.Single(bot.Calls);
            // Kamailio Record-Routed the INVITE: the dialog's route set is the proxy, loose-routed (RFC 3261 §16.12.1.1).
            var route = Assert.Single(call.Dialog.RouteSet);
            Assert.True(route.Uri.IsLooseRouter);
            Assert.Equal(kamailio.EndPoint.Port, route.Uri.Port);
            Assert.Equal(CallEndCause.LocalHangup, (await call.HangupAsync().WaitAsync(Bounded)).Cause);

            var result = await caller;
            Assert.True(result.Succeeded(1), result.Describe() + "\n" + kamailio.Log);
            // The BYE reached the caller through the proxy: Kamailio's Via on top of the bot's (RFC 3261 §16.6 step 8).
            var bye = ReceivedRequest(result.MessageLog, "BYE");
            Assert.Equal([kamailio.EndPoint.Port, bot.Port], bye.Vias.Select(v => v.Port ?? 5060));
            Assert.Empty(bye.Routes);
            await handler.Ended.WaitAsync(Bounded);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Wrong_password_is_reported_and_retried_with_backoff()
    {
        await using var kamailio = await KamailioRunner.StartAsync();
        await using var bot = MediaProbeHandler.StartBot(new MediaProbeHandler(), o => o with { EnableTcp = false, Registrations = [Registration(kamailio, "not-the-password")] });
        var registration = Assert.Single(bot.Registrations);
        TimeSpan? secondWait = null;
        // Read in the Changed callback, right after the second failure set when the next attempt is due.
        await WaitFor(registration, r =>
        {
            if (r.ConsecutiveFailures == 2 && r.NextAttemptAt is { } next) secondWait ??= next - TimeProvider.System.GetUtcNow();
            return secondWait is not null;
        }, kamailio);
        Assert.False(registration.IsRegistered);
        Assert.Equal(0, registration.SuccessCount);
        Assert.Equal($"401 Unauthorized from sip:{kamailio.EndPoint} (wrong credentials for user 'bot')", registration.LastError);
        // Doubling backoff from RetryInitial (500 ms): 1 s after the second failure.
        Assert.InRange(secondWait!.Value, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(1));
    }

    private static SipRegistrationOptions Registration(KamailioRunner kamailio, string password) => new()
    {
        Registrar = SipUri.Parse($"sip:{kamailio.EndPoint}"),
        Aor = SipUri.Parse($"sip:{KamailioRunner.User}@{KamailioRunner.Realm}"),
        Password = password,
        Expires = TimeSpan.FromSeconds(10),
        RetryInitial = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>A 440 Hz tone at a quarter of full scale, μ-law coded: clearly audible to the probe.</summary>
    private static byte[] Tone(int seconds)
    {
        var samples = new short[8000 * seconds];
        for (var i = 0; i < samples.Length; i++) samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000.0));
        var codes = new byte[samples.Length];
        MuLaw.Encode(samples, codes);
        return codes;
    }

    /// <summary>The first request of <paramref name="method"/> that sipp received, parsed from its -trace_msg log.</summary>
    private static SipRequest ReceivedRequest(string log, string method)
    {
        foreach (var block in log.Split("-----------------------------------------------"))
        {
            if (!block.Contains("message received", StringComparison.Ordinal)) continue;
            var start = block.IndexOf(method + " sip:", StringComparison.Ordinal);
            if (start < 0) continue;
            var text = block[start..].TrimEnd().Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n";
            return Assert.IsType<SipRequest>(SipMessageParser.ParseDatagram(System.Text.Encoding.UTF8.GetBytes(text)).Message);
        }
        throw new Xunit.Sdk.XunitException($"sipp received no {method}:\n{log}");
    }

    private static async Task WaitFor(SipRegistration registration, Func<SipRegistration, bool> condition, KamailioRunner kamailio)
    {
        try
        {
            await RegistrationWait.UntilAsync(registration, condition, Bounded);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"registration state not reached: {registration.LastError}\n{kamailio.Log}");
        }
    }
}
