using System.Net;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Everything the call layer needs to run the agreed audio stream.
/// </summary>
public sealed record SdpNegotiatedAudio
{
    /// <summary>The voice codec and its payload type.</summary>
    public required SdpNegotiatedCodec Codec { get; init; }

    /// <summary>The DTMF event format, or <see langword="null"/> when the peer did not offer or accept one.</summary>
    public SdpTelephoneEvent? TelephoneEvent { get; init; }

    /// <summary>The telephone-event payload type, or <see langword="null"/> when there is none.</summary>
    public int? TelephoneEventPayloadType => TelephoneEvent?.PayloadType;

    /// <summary>The packetisation interval in milliseconds to send with.</summary>
    public required int Ptime { get; init; }

    /// <summary>
    /// Where to send RTP: the media-level <c>c=</c> address, else the session-level one, with the <c>m=</c> port.
    /// The address may be 0.0.0.0 or :: when the peer holds the call the RFC 2543 way; see <see cref="IsRemoteHold"/>.
    /// RTCP goes to the next port up unless the call layer learns otherwise (RFC 3550 §11).
    /// </summary>
    public required IPEndPoint RemoteRtpEndPoint { get; init; }

    /// <summary>The direction the peer declared for the stream, from its own point of view.</summary>
    public required SdpDirection RemoteDirection { get; init; }

    /// <summary>What we do on the stream. Send RTP only when this allows it; see <see cref="SendsMedia"/>.</summary>
    public required SdpDirection LocalDirection { get; init; }

    /// <summary>
    /// Whether the peer has put us on hold: it declared <c>sendonly</c> or <c>inactive</c>, or gave an unspecified
    /// connection address (RFC 3264 §8.4). The bot should stop talking, not hang up.
    /// </summary>
    public required bool IsRemoteHold { get; init; }

    /// <summary>The zero-based index of the audio <c>m=</c> line within the descriptions.</summary>
    public required int MediaIndex { get; init; }

    /// <summary>Whether we should send RTP to <see cref="RemoteRtpEndPoint"/>.</summary>
    public bool SendsMedia => SdpDirectionRules.CanSend(LocalDirection);

    /// <summary>Whether we should expect RTP from the peer.</summary>
    public bool ReceivesMedia => SdpDirectionRules.CanReceive(LocalDirection);
}
