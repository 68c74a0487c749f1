using System.Net;
using PhoneAgent.Sip.Sdp;

namespace PhoneAgent.Sip.Calls;

/// <summary>The negotiated audio stream of a call and the local RTP address it runs on.</summary>
/// <param name="Audio">Codec, payload types, ptime, remote RTP endpoint and directions from offer/answer.</param>
/// <param name="LocalRtpEndPoint">Our bound RTP socket's address (the port in our SDP).</param>
public sealed record CallMedia(SdpNegotiatedAudio Audio, IPEndPoint LocalRtpEndPoint)
{
    /// <summary>True while the caller holds the call (RFC 3264 §8.4).</summary>
    public bool IsOnHold => Audio.IsRemoteHold;
}
