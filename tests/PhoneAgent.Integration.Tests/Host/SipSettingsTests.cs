using System.Net;
using Microsoft.Extensions.Configuration;
using PhoneAgent.Host;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>The Sip section binds the .NET way and a bad value stops startup with a message naming the key.</summary>
public sealed class SipSettingsTests
{
    private static SipSettings Bind(params string[] commandLine) =>
        SipSettings.Bind(new ConfigurationBuilder().AddCommandLine(commandLine).Build());

    [Fact]
    public void Defaults_listen_on_5060_and_ring_for_one_second()
    {
        var options = new SipSettings().ToOptions();
        Assert.Equal(5060, options.Port);
        Assert.Equal(IPAddress.Any, options.ListenAddress);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RingingTime);
    }

    [Fact]
    public void Command_line_and_environment_style_keys_override()
    {
        var options = Bind("--Sip:Port=5080", "--Sip:ListenAddress=127.0.0.1", "--Sip:RingingSeconds=0", "--Sip:Codecs:0=PCMA", "--Sip:Codecs:1=opus").ToOptions();
        Assert.Equal(5080, options.Port);
        Assert.Equal(IPAddress.Loopback, options.ListenAddress);
        Assert.Equal(TimeSpan.Zero, options.RingingTime);
        Assert.Equal([SdpCodec.Pcma, SdpCodec.Opus], options.Codecs);

        // A prefix of this test's own keeps the process-wide environment change from touching other tests.
        Environment.SetEnvironmentVariable("PHONEAGENT_SETTINGS_TEST_Sip__Port", "5090");
        var environment = SipSettings.Bind(new ConfigurationBuilder().AddEnvironmentVariables("PHONEAGENT_SETTINGS_TEST_").Build());
        Assert.Equal(5090, environment.ToOptions().Port);
    }

    [Theory]
    [InlineData("--Sip:Port=70000", "Sip:Port")]
    [InlineData("--Sip:ListenAddress=not-an-ip", "Sip:ListenAddress")]
    [InlineData("--Sip:PublicAddress=example..com", "Sip:PublicAddress")]
    [InlineData("--Sip:RingingSeconds=-1", "Sip:RingingSeconds")]
    [InlineData("--Sip:MaxConcurrentCalls=0", "Sip:MaxConcurrentCalls")]
    [InlineData("--Sip:PtimeMs=25", "Sip:PtimeMs")]
    [InlineData("--Sip:RtpPortMin=70", "Sip:RtpPortMin")]
    [InlineData("--Sip:Codecs:0=G729", "Sip:Codecs:0")]
    public void Bad_value_names_its_key(string argument, string key)
    {
        var e = Assert.Throws<ConfigurationException>(() => Bind(argument).ToOptions());
        Assert.Equal(key, e.Key);
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void Non_numeric_port_is_reported_by_the_binder_with_its_key()
    {
        var e = Assert.Throws<ConfigurationException>(() => Bind("--Sip:Port=abc"));
        Assert.Contains("Sip:Port", e.Message);
    }
}
