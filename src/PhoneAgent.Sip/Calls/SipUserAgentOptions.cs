using System.Net;
using PhoneAgent.Sip.Registration;
using PhoneAgent.Sip.Sdp;
using PhoneAgent.Sip.Transactions;

namespace PhoneAgent.Sip.Calls;

/// <summary>Settings of the user agent; the host binds them from the "Sip" configuration section.</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>Address to listen on (UDP and TCP).</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Any;

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; } = 5060;

    /// <summary>Listen on UDP.</summary>
    public bool EnableUdp { get; init; } = true;

    /// <summary>Listen on TCP.</summary>
    public bool EnableTcp { get; init; } = true;

    /// <summary>
    /// Address advertised in Via, Contact and SDP when the listen address is not what peers can reach
    /// (NAT, containers). Null: the local address each request arrived on.
    /// </summary>
    public IPAddress? PublicAddress { get; init; }

    /// <summary>User part of our Contact.</summary>
    public string ContactUser { get; init; } = "phoneagent";

    /// <summary>How long to ring (180) before answering, like a person picking up; zero answers at once.</summary>
    public TimeSpan RingingTime { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Concurrent calls accepted; more get 503 with Retry-After.</summary>
    public int MaxConcurrentCalls { get; init; } = 200;

    /// <summary>Codec preference, most preferred first.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus];

    /// <summary>Packetisation interval we ask for, in milliseconds.</summary>
    public int PtimeMs { get; init; } = 20;

    /// <summary>First port of the RTP range (even).</summary>
    public int RtpPortMin { get; init; } = 10000;

    /// <summary>Last port of the RTP range.</summary>
    public int RtpPortMax { get; init; } = 20000;

    /// <summary>Session-Expires we accept at least (RFC 4028 §5 Min-SE; 90 s is the RFC's floor).</summary>
    public TimeSpan MinSessionExpires { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Value of the Server and User-Agent headers.</summary>
    public string Product { get; init; } = "PhoneAgent";

    /// <summary>Registrations kept up while the agent runs (RFC 3261 §10).</summary>
    public IReadOnlyList<SipRegistrationOptions> Registrations { get; init; } = [];

    /// <summary>
    /// Networks (trunks, a PBX) whose requests are taken without authentication. When this or
    /// <see cref="InboundAuth"/> is set, a new dialog from anywhere else is challenged (with <see cref="InboundAuth"/>)
    /// or refused with 403; when neither is set every source is accepted.
    /// </summary>
    public IReadOnlyList<IPNetwork> Trunks { get; init; } = [];

    /// <summary>Digest credentials required of callers outside <see cref="Trunks"/>; null refuses them instead.</summary>
    public SipInboundAuthOptions? InboundAuth { get; init; }

    /// <summary>
    /// A proxy our outbound INVITEs go through, pre-loaded as a loose Route (RFC 3261 §8.1.2); null sends them to
    /// the target. <see cref="DialOptions.OutboundProxy"/> overrides it per call.
    /// </summary>
    public Parsing.SipUri? OutboundProxy { get; init; }

    /// <summary>RFC 3261 timer base values.</summary>
    public SipTimerOptions Timers { get; init; } = SipTimerOptions.Default;
}
