using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The per-stream decisions shared by answering an offer and processing an answer: which transport, codec,
/// telephone-event and packetisation to use, and where RTP goes.
/// </summary>
internal static class SdpMediaRules
{
    public const int DefaultPtime = 20;

    private const int MinPtime = 10;
    private const int MaxPtime = 60;

    /// <summary>
    /// Packet sizes our RTP sender handles: whole multiples of 10 ms up to 60 ms. Anything else (2.5 ms Opus
    /// frames, 200 ms from a misconfigured gateway) falls back to our default instead of being echoed.
    /// </summary>
    public static bool IsSanePtime(int ptime) => ptime is >= MinPtime and <= MaxPtime && ptime % MinPtime == 0;

    /// <summary>
    /// Picks the ptime: the peer's if sane, else <paramref name="fallback"/>, then lowered to respect the peer's
    /// maxptime (RFC 4566 §6) when that leaves at least 10 ms.
    /// </summary>
    public static int ChoosePtime(SessionDescription description, MediaDescription media, int fallback)
    {
        var offered = media.Ptime ?? SdpAttributeLookup.FindMilliseconds(description.Attributes, "ptime");
        var ptime = offered is { } value && IsSanePtime(value) ? value : fallback;
        var max = media.MaxPtime ?? SdpAttributeLookup.FindMilliseconds(description.Attributes, "maxptime");
        if (max is { } limit && limit >= MinPtime && limit < ptime)
        {
            ptime = limit - (limit % MinPtime);
        }

        return ptime;
    }

    /// <summary>
    /// Plain RTP (RFC 3551 AVP) and its feedback variant AVPF (RFC 4585), which an AVP endpoint can answer in kind
    /// because AVPF only adds optional RTCP messages. The SRTP profiles need keys we do not have.
    /// </summary>
    public static bool IsSupportedProfile(string protocol) =>
        string.Equals(protocol, "RTP/AVP", StringComparison.OrdinalIgnoreCase)
        || string.Equals(protocol, "RTP/AVPF", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Picks the first codec in OUR preference order that the peer lists, under the peer's payload type.
    /// </summary>
    public static SdpNegotiatedCodec? ChooseByLocalPreference(MediaDescription remote, IReadOnlyList<SdpCodec> preference)
    {
        foreach (var codec in preference)
        {
            foreach (var payloadType in remote.PayloadTypes)
            {
                if (codec.Matches(payloadType, remote.GetRtpMap(payloadType)))
                {
                    return new SdpNegotiatedCodec(codec, payloadType, remote.GetFormatParameters(payloadType));
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Picks the first format in the answer's order that is one of the codecs we offered; the answerer's order is
    /// its preference (RFC 3264 §6.1). An answer that drops the rtpmap of a dynamic payload type we offered is read
    /// with our offer's mapping for that number.
    /// </summary>
    public static SdpNegotiatedCodec? ChooseByRemoteOrder(MediaDescription answer, MediaDescription offer, IReadOnlyList<SdpCodec> offered)
    {
        foreach (var payloadType in answer.PayloadTypes)
        {
            var rtpMap = answer.GetRtpMap(payloadType) ?? offer.GetRtpMap(payloadType);
            foreach (var codec in offered)
            {
                if (codec.Matches(payloadType, rtpMap))
                {
                    return new SdpNegotiatedCodec(codec, payloadType, answer.GetFormatParameters(payloadType));
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Picks the peer's telephone-event format, preferring the audio codec's clock rate and falling back to 8000 Hz.
    /// Peers such as Linphone list one per clock rate; peers such as baresip list only 8000 Hz beside Opus.
    /// </summary>
    public static SdpTelephoneEvent? ChooseTelephoneEvent(MediaDescription remote, int audioClockRate, MediaDescription? fallbackMaps = null)
    {
        SdpTelephoneEvent? narrowband = null;
        foreach (var payloadType in remote.PayloadTypes)
        {
            var rtpMap = remote.GetRtpMap(payloadType) ?? fallbackMaps?.GetRtpMap(payloadType);
            if (rtpMap is null
                || !string.Equals(rtpMap.EncodingName, SdpTelephoneEvent.EncodingName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var candidate = new SdpTelephoneEvent(payloadType, rtpMap.ClockRate, remote.GetFormatParameters(payloadType));
            if (rtpMap.ClockRate == audioClockRate)
            {
                return candidate;
            }

            if (rtpMap.ClockRate == 8000)
            {
                narrowband ??= candidate;
            }
        }

        return narrowband;
    }

    /// <summary>
    /// Resolves where RTP goes for a stream: media-level <c>c=</c>, else session-level (RFC 4566 §5.7).
    /// Host names are refused rather than resolved here; DNS does not belong in the SDP layer.
    /// </summary>
    public static bool TryGetRemoteEndPoint(
        SessionDescription description,
        MediaDescription media,
        [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (description.GetEffectiveConnection(media) is not { } connection || !connection.TryGetIPAddress(out var address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, media.Port);
        return true;
    }

    /// <summary>
    /// RFC 3264 §8.4: a connection address of 0.0.0.0 (RFC 2543 hold) means neither RTP nor RTCP may be sent to the
    /// peer. The IPv6 unspecified address carries the same meaning in practice.
    /// </summary>
    public static bool IsUnspecified(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
