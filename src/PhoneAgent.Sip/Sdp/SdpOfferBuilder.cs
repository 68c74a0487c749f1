namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Builds our offer (RFC 3264 §5): one audio stream listing every preferred codec, then telephone-event.
/// </summary>
internal static class SdpOfferBuilder
{
    private const int NarrowbandTelephoneEventPayloadType = 101;

    public static SessionDescription Build(SdpLocalSettings settings, SdpDirection direction, SdpOrigin origin)
    {
        var formats = new List<(SdpRtpMap, string?)>();
        foreach (var codec in settings.Codecs)
        {
            formats.Add((codec.ToRtpMap(codec.OfferPayloadType), codec.FormatParameters));
        }

        if (settings.TelephoneEvent)
        {
            // One telephone-event per audio clock rate, so that whichever codec the answerer picks it can keep DTMF
            // on the same clock as the audio, as RFC 4733 asks; 8000 Hz comes first because every peer supports it.
            var payloadType = NarrowbandTelephoneEventPayloadType;
            foreach (var clockRate in settings.Codecs.Select(codec => codec.ClockRate).Append(8000).Distinct().OrderBy(rate => rate != 8000))
            {
                formats.Add((new SdpRtpMap(payloadType++, SdpTelephoneEvent.EncodingName, clockRate), SdpTelephoneEvent.SupportedEvents));
            }
        }

        var audio = SdpLocalMedia.Audio("RTP/AVP", settings.RtpPort, formats, settings.Ptime, direction);
        return SdpLocalMedia.Session(settings, origin, [SdpTiming.Permanent], [audio]);
    }
}
