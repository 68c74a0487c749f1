using System.Net;
using PhoneAgent.Sip.Auth;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Registration;
using PhoneAgent.Testing;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// The bot's REGISTER client against a hand-driven registrar on a loopback socket, on virtual time: challenge
/// and credentials, refresh before expiry, 423, a wrong password with backoff, and unregister on shutdown.
/// </summary>
public sealed class RegistrationTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Registers_with_digest_refreshes_and_unregisters_on_shutdown()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 3, 7, 11, 0, 0, TimeSpan.Zero));
        using var registrar = new RawUdpClient();
        var digest = new DigestServer("pbx.test", user => user == "bot-auth" ? "s3cret" : null, time);
        var bot = StartBot(registrar, time, o => o with { AuthUser = "bot-auth", Password = "s3cret", Expires = TimeSpan.FromSeconds(120) });
        var registration = Assert.Single(bot.Agent.Registrations);

        var first = await registrar.ReceiveRequestAsync();
        Assert.Equal("REGISTER", first.Method);
        Assert.Equal("sip:127.0.0.1:" + registrar.Port, first.RequestUri.ToString());
        Assert.Equal("120", first.Headers.GetFirst("Expires"));
        Assert.False(first.Headers.Contains("Authorization"));
        Reply(registrar, bot, first, 401, r => r.Headers.Add("WWW-Authenticate", digest.CreateChallenge().ToString()));

        var authorized = await registrar.ReceiveRequestAsync();
        Assert.Equal(DigestVerification.Valid, digest.Verify(authorized, "Authorization", out var user));
        Assert.Equal("bot-auth", user);
        Assert.Equal(first.CallId, authorized.CallId);
        Assert.True(authorized.CSeq!.Number > first.CSeq!.Number);
        var contact = Assert.Single(authorized.Contacts);
        Reply(registrar, bot, authorized, 200, r => r.Headers.Add("Contact", $"<{contact.Uri}>;expires=100"));

        await RegistrationWait.UntilScheduledAsync(registration, r => r.IsRegistered, Bounded);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(100), registration.ExpiresAt);
        // Granted 100 s: refreshed 30 s before it lapses.
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(70), registration.NextAttemptAt);

        time.Advance(TimeSpan.FromSeconds(70));
        var refresh = await registrar.ReceiveRequestAsync();
        // The refresh answers the nonce it already holds, with the next nonce count (RFC 7616 §3.4).
        Assert.Contains("nc=00000002", refresh.Headers.GetFirst("Authorization"));
        Assert.Equal(DigestVerification.Valid, digest.Verify(refresh, "Authorization", out _));
        Assert.Equal(first.CallId, refresh.CallId);
        Reply(registrar, bot, refresh, 200, r => r.Headers.Add("Expires", "100"));
        await RegistrationWait.UntilScheduledAsync(registration, r => r.SuccessCount == 2, Bounded);

        var unregister = bot.DisposeAsync().AsTask();
        var removal = await registrar.ReceiveRequestAsync();
        Assert.Equal("0", removal.Headers.GetFirst("Expires"));
        Reply(registrar, bot, removal, 200, _ => { });
        await unregister.WaitAsync(Bounded);
        Assert.False(registration.IsRegistered);
    }

    [Fact]
    public async Task Wrong_password_fails_clearly_and_retries_with_doubling_backoff()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 3, 7, 11, 0, 0, TimeSpan.Zero));
        using var registrar = new RawUdpClient();
        var digest = new DigestServer("pbx.test", _ => "right", time);
        await using var bot = StartBot(registrar, time, o => o with { Password = "wrong", RetryInitial = TimeSpan.FromSeconds(4), RetryMax = TimeSpan.FromSeconds(10) });
        var registration = Assert.Single(bot.Agent.Registrations);
        foreach (var expectedWait in new[] { 4, 8, 10 })
        {
            var plain = await registrar.ReceiveRequestAsync();
            Reply(registrar, bot, plain, 401, r => r.Headers.Add("WWW-Authenticate", digest.CreateChallenge().ToString()));
            var answered = await registrar.ReceiveRequestAsync();
            Assert.Equal(DigestVerification.WrongPassword, digest.Verify(answered, "Authorization", out _));
            // Like Kamailio, answer wrong credentials with a new challenge (new nonce, no stale).
            Reply(registrar, bot, answered, 401, r => r.Headers.Add("WWW-Authenticate", digest.CreateChallenge().ToString()));
            var failures = expectedWait switch { 4 => 1, 8 => 2, _ => 3 };
            await RegistrationWait.UntilScheduledAsync(registration, r => r.ConsecutiveFailures == failures, Bounded);
            Assert.False(registration.IsRegistered);
            Assert.Contains("401", registration.LastError);
            Assert.Equal($"401 Unauthorized from sip:127.0.0.1:{registrar.Port} (wrong credentials for user 'bot')", registration.LastError);
            Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(expectedWait), registration.NextAttemptAt);
            time.Advance(TimeSpan.FromSeconds(expectedWait));
        }
    }

    [Fact]
    public async Task Interval_too_brief_is_retried_with_min_expires()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 3, 7, 11, 0, 0, TimeSpan.Zero));
        using var registrar = new RawUdpClient();
        var bot = StartBot(registrar, time, o => o with { Expires = TimeSpan.FromSeconds(30) });
        var registration = Assert.Single(bot.Agent.Registrations);
        var first = await registrar.ReceiveRequestAsync();
        Reply(registrar, bot, first, 423, r => r.Headers.Add("Min-Expires", "300"));
        var second = await registrar.ReceiveRequestAsync();
        Assert.Equal("300", second.Headers.GetFirst("Expires"));
        Reply(registrar, bot, second, 200, r => r.Headers.Add("Expires", "300"));
        await RegistrationWait.UntilScheduledAsync(registration, r => r.IsRegistered, Bounded);
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(300), registration.ExpiresAt);
        var shutdown = bot.DisposeAsync().AsTask();
        Reply(registrar, bot, await registrar.ReceiveRequestAsync(), 200, _ => { });
        await shutdown.WaitAsync(Bounded);
    }

    [Fact]
    public async Task Outbound_proxy_is_a_preloaded_loose_route()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 3, 7, 11, 0, 0, TimeSpan.Zero));
        using var proxy = new RawUdpClient();
        await using var bot = StartBot(proxy, time, o => o with { Registrar = SipUri.Parse("sip:registrar.invalid"), OutboundProxy = SipUri.Parse($"sip:127.0.0.1:{proxy.Port}") });
        var request = await proxy.ReceiveRequestAsync();
        Assert.Equal("sip:registrar.invalid", request.RequestUri.ToString());
        var route = Assert.Single(request.Routes);
        Assert.True(route.Uri.IsLooseRouter);
        Assert.Equal(proxy.Port, route.Uri.Port);
    }

    private static BotInstance StartBot(RawUdpClient registrar, TimeProvider time, Func<SipRegistrationOptions, SipRegistrationOptions> configure)
    {
        var registration = configure(new SipRegistrationOptions
        {
            Registrar = SipUri.Parse($"sip:127.0.0.1:{registrar.Port}"),
            Aor = SipUri.Parse("sip:bot@pbx.test"),
            Expires = TimeSpan.FromSeconds(120),
        });
        return BotInstance.Start(configure: o => o with { EnableTcp = false, Registrations = [registration] }, timeProvider: time);
    }

    private static void Reply(RawUdpClient registrar, BotInstance bot, SipRequest request, int status, Action<SipResponse> decorate)
    {
        var response = SipResponse.CreateFor(request, status, toTag: "reg1");
        decorate(response);
        registrar.SendBytes(bot.EndPoint, response.ToBytes());
    }
}
