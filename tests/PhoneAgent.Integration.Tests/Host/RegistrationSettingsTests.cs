using Microsoft.Extensions.Configuration;
using PhoneAgent.Host;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>Sip:Registrations binds from configuration and a bad entry names its key.</summary>
public sealed class RegistrationSettingsTests
{
    private static SipSettings Bind(params string[] commandLine) =>
        SipSettings.Bind(new ConfigurationBuilder().AddCommandLine(commandLine).Build());

    [Fact]
    public void Registration_entries_bind()
    {
        var options = Bind(
            "--Sip:Registrations:0:Registrar=sip:pbx.example.org",
            "--Sip:Registrations:0:Aor=sip:bot@pbx.example.org",
            "--Sip:Registrations:0:AuthUser=1001",
            "--Sip:Registrations:0:Password=pw",
            "--Sip:Registrations:0:Expires=600",
            "--Sip:Registrations:0:OutboundProxy=sip:10.0.0.1:5070").ToOptions();
        var r = Assert.Single(options.Registrations);
        Assert.Equal("sip:pbx.example.org", r.Registrar.ToString());
        Assert.Equal("1001", r.AuthUser);
        Assert.Equal("pw", r.Password);
        Assert.Equal(TimeSpan.FromSeconds(600), r.Expires);
        Assert.Equal(5070, r.OutboundProxy!.Port);
    }

    [Theory]
    [InlineData("--Sip:Registrations:0:Registrar=http://x", "Sip:Registrations:0:Registrar")]
    [InlineData("--Sip:Registrations:0:Expires=0", "Sip:Registrations:0:Expires")]
    [InlineData("--Sip:Registrations:0:OutboundProxy=nonsense", "Sip:Registrations:0:OutboundProxy")]
    public void Bad_entry_names_its_key(string argument, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => Bind("--Sip:Registrations:0:Registrar=sip:pbx", "--Sip:Registrations:0:Aor=sip:bot@pbx", argument).ToOptions());
        Assert.Equal(key, e.Key);
    }

    [Fact]
    public void Missing_aor_names_its_key()
    {
        var e = Assert.Throws<ConfigurationException>(() => Bind("--Sip:Registrations:0:Registrar=sip:pbx").ToOptions());
        Assert.Equal("Sip:Registrations:0:Aor", e.Key);
    }
}
