using System.Diagnostics.CodeAnalysis;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Answers a peer's offer (RFC 3264 §6): the first acceptable audio stream gets our port, one codec and
/// telephone-event; every other stream is rejected in place so the m= lines still line up.
/// </summary>
internal static class SdpAnswerBuilder
{
    public static bool TryAnswer(
        SessionDescription offer,
        SdpLocalSettings settings,
        SdpDirection localIntent,
        SdpOrigin origin,
        [NotNullWhen(true)] out SessionDescription? answer,
        [NotNullWhen(true)] out SdpNegotiatedAudio? audio,
        out SdpNegotiationFailure failure)
    {
        answer = null;
        audio = null;
        failure = SdpNegotiationFailure.NoAudioStream;

        // RFC 3264 §6: exactly as many m= lines as the offer, in the same order.
        var media = new List<MediaDescription>(offer.Media.Count);
        for (var index = 0; index < offer.Media.Count; index++)
        {
            var offered = offer.Media[index];
            if (audio is null && offered.IsAudio && offered.Port != 0
                && TryAccept(offer, index, settings, localIntent, out var accepted, out audio, ref failure))
            {
                media.Add(accepted);
            }
            else
            {
                media.Add(SdpLocalMedia.Rejected(offered));
            }
        }

        if (audio is null)
        {
            return false;
        }

        // RFC 3264 §6: the t= line of the answer must equal the offer's; the time of a session is not negotiable.
        answer = SdpLocalMedia.Session(settings, origin, offer.Timings, media);
        failure = SdpNegotiationFailure.None;
        return true;
    }

    private static bool TryAccept(
        SessionDescription offer,
        int index,
        SdpLocalSettings settings,
        SdpDirection localIntent,
        [NotNullWhen(true)] out MediaDescription? accepted,
        [NotNullWhen(true)] out SdpNegotiatedAudio? audio,
        ref SdpNegotiationFailure failure)
    {
        accepted = null;
        audio = null;
        var offered = offer.Media[index];
        if (!SdpMediaRules.IsSupportedProfile(offered.Protocol))
        {
            failure = Furthest(failure, SdpNegotiationFailure.UnsupportedTransport);
            return false;
        }

        if (SdpMediaRules.ChooseByLocalPreference(offered, settings.Codecs) is not { } codec)
        {
            failure = Furthest(failure, SdpNegotiationFailure.NoCommonCodec);
            return false;
        }

        if (!SdpMediaRules.TryGetRemoteEndPoint(offer, offered, out var remote))
        {
            failure = Furthest(failure, SdpNegotiationFailure.NoConnectionAddress);
            return false;
        }

        var telephoneEvent = settings.TelephoneEvent ? SdpMediaRules.ChooseTelephoneEvent(offered, codec.ClockRate) : null;
        var ptime = SdpMediaRules.ChoosePtime(offer, offered, settings.Ptime);
        var remoteDirection = offer.GetEffectiveDirection(offered);
        var reachable = !SdpMediaRules.IsUnspecified(remote.Address);

        // RFC 3264 §6.1: we may send only if the offerer receives, and receive only if it sends
        // (sendonly → recvonly, recvonly → sendonly, inactive → inactive). RFC 3264 §8.4 adds that nothing may be
        // sent to 0.0.0.0, so an old-style hold is answered recvonly.
        var send = SdpDirectionRules.CanSend(localIntent) && SdpDirectionRules.CanReceive(remoteDirection) && reachable;
        var receive = SdpDirectionRules.CanReceive(localIntent) && SdpDirectionRules.CanSend(remoteDirection);
        var localDirection = SdpDirectionRules.FromFlags(send, receive);

        var formats = new List<(SdpRtpMap, string?)>(2)
        {
            (codec.Codec.ToRtpMap(codec.PayloadType), codec.Codec.FormatParameters),
        };
        if (telephoneEvent is not null)
        {
            formats.Add((new SdpRtpMap(telephoneEvent.PayloadType, SdpTelephoneEvent.EncodingName, telephoneEvent.ClockRate), SdpTelephoneEvent.SupportedEvents));
        }

        accepted = SdpLocalMedia.Audio(offered.Protocol, settings.RtpPort, formats, ptime, localDirection);
        audio = new SdpNegotiatedAudio
        {
            Codec = codec,
            TelephoneEvent = telephoneEvent,
            Ptime = ptime,
            RemoteRtpEndPoint = remote,
            RemoteDirection = remoteDirection,
            LocalDirection = localDirection,
            IsRemoteHold = !reachable || !SdpDirectionRules.CanReceive(remoteDirection),
            MediaIndex = index,
        };
        return true;
    }

    /// <summary>
    /// With several audio streams failing for different reasons, report the one that got furthest: a codec match
    /// with a bad address says more about the offer than an SRTP-only stream before it.
    /// </summary>
    private static SdpNegotiationFailure Furthest(SdpNegotiationFailure current, SdpNegotiationFailure candidate) =>
        Progress(candidate) > Progress(current) ? candidate : current;

    private static int Progress(SdpNegotiationFailure failure) => failure switch
    {
        SdpNegotiationFailure.UnsupportedTransport => 1,
        SdpNegotiationFailure.NoCommonCodec => 2,
        SdpNegotiationFailure.NoConnectionAddress => 3,
        _ => 0,
    };
}
