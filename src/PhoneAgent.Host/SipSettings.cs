using System.Net;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Host;

/// <summary>
/// The "Sip" configuration section as bound from JSON, environment (Sip__Port) or command line (--Sip:Port).
/// <see cref="ToOptions"/> validates every key and names the offending one, so bad config stops startup clearly.
/// </summary>
public sealed class SipSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Sip";

    public string ListenAddress { get; set; } = "0.0.0.0";
    public int Port { get; set; } = 5060;
    public bool EnableUdp { get; set; } = true;
    public bool EnableTcp { get; set; } = true;
    public string? PublicAddress { get; set; }
    public string ContactUser { get; set; } = "phoneagent";
    public double RingingSeconds { get; set; } = 1.0;
    public int MaxConcurrentCalls { get; set; } = 200;
    public List<string> Codecs { get; set; } = [];
    public int PtimeMs { get; set; } = 20;
    public int RtpPortMin { get; set; } = 10000;
    public int RtpPortMax { get; set; } = 20000;
    public List<RegistrationSettings> Registrations { get; set; } = [];
    public List<TrunkSettings> Trunks { get; set; } = [];
    public InboundAuthSettings InboundAuth { get; set; } = new();

    /// <summary>A proxy every outbound INVITE goes through (pre-loaded loose Route, RFC 3261 §8.1.2), e.g. sip:pbx.example.org:5060.</summary>
    public string? OutboundProxy { get; set; }

    /// <summary>Binds the section; a value of the wrong type (e.g. --Sip:Port=abc) becomes a <see cref="ConfigurationException"/>.</summary>
    public static SipSettings Bind(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection(Section).Get<SipSettings>() ?? new SipSettings();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the value ("... 'abc' at 'Sip:Port' to type ...").
            throw new ConfigurationException(Section, e.Message);
        }
    }

    /// <summary>Validates and converts; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public SipUserAgentOptions ToOptions()
    {
        if (!IPAddress.TryParse(ListenAddress, out var listen)) throw Bad(nameof(ListenAddress), $"'{ListenAddress}' is not an IP address");
        if (Port is < 0 or > 65535) throw Bad(nameof(Port), $"{Port} is not a port number (0-65535)");
        if (!EnableUdp && !EnableTcp) throw Bad(nameof(EnableUdp), "at least one of EnableUdp and EnableTcp must be true");
        IPAddress? advertised = null;
        if (!string.IsNullOrWhiteSpace(PublicAddress) && !IPAddress.TryParse(PublicAddress, out advertised)) throw Bad(nameof(PublicAddress), $"'{PublicAddress}' is not an IP address");
        if (RingingSeconds is < 0 or > 60 || double.IsNaN(RingingSeconds)) throw Bad(nameof(RingingSeconds), $"{RingingSeconds} is outside 0-60 seconds");
        if (MaxConcurrentCalls < 1) throw Bad(nameof(MaxConcurrentCalls), "must be at least 1");
        if (PtimeMs is < 10 or > 60 || PtimeMs % 10 != 0) throw Bad(nameof(PtimeMs), $"{PtimeMs} is not one of 10, 20, 30, 40, 50, 60");
        // RFC 3550 §11: RTP on an even port and RTCP on the next, so the range must hold one such pair.
        var firstEven = RtpPortMin + (RtpPortMin & 1);
        if (RtpPortMin is < 1024 or > 65534 || RtpPortMax > 65535 || firstEven + 1 > RtpPortMax) throw Bad(nameof(RtpPortMin), $"RTP range {RtpPortMin}-{RtpPortMax} holds no even/odd port pair within 1024-65535");
        if (string.IsNullOrWhiteSpace(ContactUser)) throw Bad(nameof(ContactUser), "must not be empty");
        var codecs = new List<SdpCodec>();
        for (var i = 0; i < Codecs.Count; i++)
        {
            var codec = Codecs[i].Trim().ToUpperInvariant() switch
            {
                "PCMU" => SdpCodec.Pcmu,
                "PCMA" => SdpCodec.Pcma,
                "OPUS" => SdpCodec.Opus,
                _ => throw Bad($"{nameof(Codecs)}:{i}", $"unknown codec '{Codecs[i]}' (known: PCMU, PCMA, opus)"),
            };
            if (!codecs.Contains(codec)) codecs.Add(codec);
        }
        Sip.Parsing.SipUri? proxy = null;
        if (!string.IsNullOrWhiteSpace(OutboundProxy) && (!Sip.Parsing.SipUri.TryParse(OutboundProxy.Trim(), out proxy) || !proxy.IsSip)) throw Bad(nameof(OutboundProxy), $"'{OutboundProxy}' is not a sip: or sips: URI");
        var registrations = Registrations.Select((r, i) => r.ToOptions($"{Section}:{nameof(Registrations)}:{i}")).ToList();
        var trunks = Trunks.Select((t, i) => t.ToNetwork($"{Section}:{nameof(Trunks)}:{i}")).ToList();
        var options = new SipUserAgentOptions
        {
            Registrations = registrations,
            Trunks = trunks,
            InboundAuth = InboundAuth.ToOptions($"{Section}:{nameof(InboundAuth)}"),
            OutboundProxy = proxy,
            ListenAddress = listen,
            Port = Port,
            EnableUdp = EnableUdp,
            EnableTcp = EnableTcp,
            PublicAddress = advertised,
            ContactUser = ContactUser,
            RingingTime = TimeSpan.FromSeconds(RingingSeconds),
            MaxConcurrentCalls = MaxConcurrentCalls,
            PtimeMs = PtimeMs,
            RtpPortMin = RtpPortMin,
            RtpPortMax = RtpPortMax,
        };
        return codecs.Count > 0 ? options with { Codecs = codecs } : options;
    }

    private static ConfigurationException Bad(string key, string problem) => new($"{Section}:{key}", problem);
}
