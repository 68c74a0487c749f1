using System.Net;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// What we put into our own descriptions: where we receive RTP and which codecs we want, best first.
/// </summary>
public sealed record SdpLocalSettings
{
    /// <summary>The address we receive RTP on, written into <c>o=</c> and <c>c=</c>. Must not be unspecified (0.0.0.0 means hold).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The UDP port we receive RTP on; RTCP uses the next port (RFC 3550 §11).</summary>
    public required int RtpPort { get; init; }

    /// <summary>The codecs we accept, in our order of preference. Answers pick the first one the offer contains.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma];

    /// <summary>Whether we offer and accept RFC 4733 telephone-event for DTMF.</summary>
    public bool TelephoneEvent { get; init; } = true;

    /// <summary>
    /// The packetisation interval in milliseconds we ask for, and use when the peer's is absent or not sane.
    /// Must be a multiple of 10 from 10 to 60.
    /// </summary>
    public int Ptime { get; init; } = SdpMediaRules.DefaultPtime;

    /// <summary>The <c>o=</c> username; <c>-</c> when there is no notion of a user id (RFC 4566 §5.2).</summary>
    public string Username { get; init; } = "-";

    /// <summary>The <c>s=</c> session name.</summary>
    public string SessionName { get; init; } = "PhoneAgent";

    /// <summary>Throws when the settings cannot produce a valid description; called once, by <see cref="SdpSession"/>.</summary>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Address);
        _ = SdpConnection.AddressTypeOf(Address);
        if (Address.Equals(IPAddress.Any) || Address.Equals(IPAddress.IPv6Any))
        {
            throw new ArgumentException("The RTP address must be the one peers can reach; an unspecified address signals hold (RFC 3264 §8.4).", nameof(Address));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(RtpPort, 1, nameof(RtpPort));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RtpPort, 65535, nameof(RtpPort));
        ArgumentNullException.ThrowIfNull(Codecs);
        if (Codecs.Count == 0 || Codecs.Any(codec => codec is null) || Codecs.Distinct().Count() != Codecs.Count)
        {
            throw new ArgumentException("List at least one codec, each once.", nameof(Codecs));
        }

        if (!SdpMediaRules.IsSanePtime(Ptime))
        {
            throw new ArgumentOutOfRangeException(nameof(Ptime), Ptime, "Ptime must be a multiple of 10 ms from 10 to 60.");
        }

        // These end up verbatim on SDP lines; whitespace in the username or a line break anywhere would corrupt the body.
        if (string.IsNullOrEmpty(Username) || Username.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The o= username must be a non-empty token without whitespace.", nameof(Username));
        }

        if (SessionName is null || SessionName.AsSpan().ContainsAny('\r', '\n'))
        {
            throw new ArgumentException("The session name must be one line.", nameof(SessionName));
        }
    }
}
