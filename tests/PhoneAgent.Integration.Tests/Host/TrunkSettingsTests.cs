using System.Net;
using Microsoft.Extensions.Configuration;
using PhoneAgent.Host;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>Sip:Trunks and Sip:InboundAuth bind from configuration and a bad entry names its key.</summary>
public sealed class TrunkSettingsTests
{
    private static SipSettings Bind(params string[] commandLine) =>
        SipSettings.Bind(new ConfigurationBuilder().AddCommandLine(commandLine).Build());

    [Fact]
    public void Trunks_and_inbound_auth_bind()
    {
        var options = Bind(
            "--Sip:Trunks:0:Address=10.0.0.0/8",
            "--Sip:Trunks:1:Address=192.0.2.7",
            "--Sip:Trunks:2:Address=2001:db8::/32",
            "--Sip:InboundAuth:Username=pbx",
            "--Sip:InboundAuth:Password=pw").ToOptions();
        Assert.Equal([IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("192.0.2.7/32"), IPNetwork.Parse("2001:db8::/32")], options.Trunks);
        Assert.Equal("pbx", options.InboundAuth!.Username);
        Assert.Equal("pw", options.InboundAuth.Password);
        Assert.Equal("phoneagent", options.InboundAuth.Realm);
    }

    [Fact]
    public void Nothing_configured_accepts_everyone()
    {
        var options = Bind().ToOptions();
        Assert.Empty(options.Trunks);
        Assert.Null(options.InboundAuth);
    }

    [Theory]
    [InlineData("--Sip:Trunks:0:Address=10.0.0.1/8", "Sip:Trunks:0:Address")]
    [InlineData("--Sip:Trunks:0:Address=10.0.0.0/33", "Sip:Trunks:0:Address")]
    [InlineData("--Sip:Trunks:0:Address=pbx.example.org", "Sip:Trunks:0:Address")]
    [InlineData("--Sip:Trunks:0:Address=", "Sip:Trunks:0:Address")]
    [InlineData("--Sip:InboundAuth:Password=pw", "Sip:InboundAuth:Username")]
    [InlineData("--Sip:InboundAuth:Realm=a\"b", "Sip:InboundAuth:Username")]
    public void Bad_entry_names_its_key(string argument, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => Bind(argument).ToOptions());
        Assert.Equal(key, e.Key);
    }
}
