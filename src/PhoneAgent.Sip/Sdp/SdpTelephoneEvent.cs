namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The negotiated RFC 4733 telephone-event (DTMF) format.
/// </summary>
/// <param name="PayloadType">The payload type to send and expect DTMF events under.</param>
/// <param name="ClockRate">
/// The RTP clock rate of the events. RFC 4733 wants it equal to the audio codec's when both share an SSRC, so
/// negotiation prefers that rate and falls back to 8000 Hz, which is what most peers offer alongside Opus anyway.
/// </param>
/// <param name="RemoteEvents">The peer's fmtp event list, such as <c>0-16</c>, or <see langword="null"/> when it sent none.</param>
public sealed record SdpTelephoneEvent(int PayloadType, int ClockRate, string? RemoteEvents)
{
    /// <summary>The rtpmap encoding name, <c>telephone-event</c>.</summary>
    public const string EncodingName = "telephone-event";

    /// <summary>The events we receive: the sixteen DTMF digits 0–9, *, # and A–D.</summary>
    public const string SupportedEvents = "0-15";
}
