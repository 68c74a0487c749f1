namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// One telephone-event packet to send, as <see cref="DtmfSender"/> produces it. The caller supplies the rest of the
/// RTP header: the stream's SSRC, its next sequence number, and the negotiated telephone-event payload type.
/// </summary>
/// <param name="Marker">Set on the first packet of the event only (RFC 4733 §2.5.1).</param>
/// <param name="Timestamp">The event's start, the same in every packet of the event.</param>
/// <param name="Payload">The event payload to serialise with <see cref="TelephoneEventPayload.TryWrite"/>.</param>
public readonly record struct DtmfPacket(bool Marker, uint Timestamp, TelephoneEventPayload Payload);
