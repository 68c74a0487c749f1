using System.Net;
using System.Text.Json;
using PhoneAgent.Integration.Tests.Bot;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>The host process with Sip:Registrations configured: /readyz is 503 naming the registration until the registrar accepts it.</summary>
[Collection(HostProcessCollection.Name)]
public sealed class RegistrationReadyzTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readyz_waits_for_the_registrar_and_names_the_registration()
    {
        using var registrar = new RawUdpClient();
        await using var host = await RunningHost.StartAsync(
            $"--Sip:Registrations:0:Registrar=sip:127.0.0.1:{registrar.Port}", "--Sip:Registrations:0:Aor=sip:bot@pbx.test");
        var register = await registrar.ReceiveRequestAsync();
        Assert.Equal("REGISTER", register.Method);

        var (status, body) = await ReadyzAsync(host);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(body.GetProperty("ready").GetBoolean());
        var check = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "registration:sip:bot@pbx.test");
        Assert.False(check.GetProperty("ready").GetBoolean());
        Assert.Contains($"registering at sip:127.0.0.1:{registrar.Port}", check.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var ok = SipResponse.CreateFor(register, 200, toTag: "reg");
        ok.Headers.Add("Expires", "600");
        registrar.SendBytes(host.SipEndPoint, ok.ToBytes());
        var (readyStatus, _) = await Eventually.WaitAsync(() => ReadyzAsync(host), r => r.Status == HttpStatusCode.OK, Bound, "/readyz 200 once registered");
        Assert.Equal(HttpStatusCode.OK, readyStatus);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyzAsync(RunningHost host)
    {
        using var response = await host.Http.GetAsync("/readyz");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }
}
