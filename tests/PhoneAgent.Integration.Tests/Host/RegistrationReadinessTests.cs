using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Host;
using PhoneAgent.Host.Health;
using PhoneAgent.Integration.Tests.Bot;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Registration;
using PhoneAgent.Testing;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// The /readyz contributor of each Sip:Registrations entry, over the real SIP service and a hand-driven registrar
/// on loopback: not ready while registering or after a refusal (saying why), ready once registered, and not
/// ready again when the binding lapses.
/// </summary>
public sealed class RegistrationReadinessTests
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Ready_only_while_every_registration_holds_its_binding_and_says_which_does_not()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2031, 4, 1, 8, 0, 0, TimeSpan.Zero));
        using var good = new RawUdpClient();
        using var refusing = new RawUdpClient();
        var options = new SipUserAgentOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            EnableTcp = false,
            Registrations = [Registration(good, "sip:bot@good.test"), Registration(refusing, "sip:bot@refusing.test")],
        };
        await using var sip = new SipService(options, new RecordingCallHandler(), NullLoggerFactory.Instance, time);
        IReadinessContributor[] checks =
        [
            new RegistrationReadiness(sip, 0, options.Registrations[0].Name),
            new RegistrationReadiness(sip, 1, options.Registrations[1].Name),
        ];
        Assert.Equal(["registration:sip:bot@good.test", "registration:sip:bot@refusing.test"], checks.Select(c => c.Name));
        Assert.All(checks, c => Assert.Contains("not started", c.Check().Detail, StringComparison.Ordinal));

        await sip.StartAsync(CancellationToken.None);
        var agent = sip.Agent!;
        var toGood = await good.ReceiveRequestAsync();
        var toRefusing = await refusing.ReceiveRequestAsync();
        var registering = checks[0].Check();
        Assert.False(registering.Ready);
        Assert.Contains($"registering at sip:127.0.0.1:{good.Port}", registering.Detail, StringComparison.Ordinal);

        Reply(good, agent, toGood, 200, r => r.Headers.Add("Expires", "300"));
        Reply(refusing, agent, toRefusing, 403, _ => { });
        await RegistrationWait.UntilScheduledAsync(agent.Registrations[0], r => r.IsRegistered, Bounded);
        await RegistrationWait.UntilScheduledAsync(agent.Registrations[1], r => r.ConsecutiveFailures == 1, Bounded);

        var ready = checks[0].Check();
        Assert.True(ready.Ready, ready.Detail);
        Assert.Contains("registered at", ready.Detail, StringComparison.Ordinal);
        var refused = checks[1].Check();
        Assert.False(refused.Ready);
        Assert.Contains("403 Forbidden", refused.Detail, StringComparison.Ordinal);

        // The refresh goes unanswered past the expiry: the binding is gone, and so is readiness.
        time.Advance(TimeSpan.FromSeconds(301));
        Assert.False(checks[0].Check().Ready);

        // Shutdown unregisters the binding it still believes in; answer that so the stop completes on virtual time.
        var stopping = sip.StopAsync(CancellationToken.None);
        while (true)
        {
            var request = await good.ReceiveRequestAsync();
            if (request.Headers.GetFirst("Expires") != "0") continue;
            Reply(good, agent, request, 200, _ => { });
            break;
        }
        await stopping.WaitAsync(Bounded);
        Assert.All(checks, c => Assert.False(c.Check().Ready));
    }

    private static SipRegistrationOptions Registration(RawUdpClient registrar, string aor) => new()
    {
        Registrar = SipUri.Parse($"sip:127.0.0.1:{registrar.Port}"),
        Aor = SipUri.Parse(aor),
        Expires = TimeSpan.FromSeconds(300),
    };

    private static void Reply(RawUdpClient registrar, SipUserAgent agent, SipRequest request, int status, Action<SipResponse> decorate)
    {
        var response = SipResponse.CreateFor(request, status, toTag: "reg");
        decorate(response);
        registrar.SendBytes(new IPEndPoint(IPAddress.Loopback, agent.Port), response.ToBytes());
    }
}
