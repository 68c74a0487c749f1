namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// Reads the peer's answer to our offer (RFC 3264 §7) into the same result an answer of ours produces.
/// </summary>
internal static class SdpAnswerProcessor
{
    public static SdpNegotiationResult Process(SessionDescription offer, SessionDescription answer, SdpLocalSettings settings)
    {
        // RFC 3264 §6: the answer has exactly our m= lines, in our order.
        var index = FindOfferedAudio(offer);
        if (answer.Media.Count != offer.Media.Count || index < 0 || !answer.Media[index].IsAudio)
        {
            return SdpNegotiationResult.Failed(SdpNegotiationFailure.AnswerDoesNotMatchOffer, offer, answer);
        }

        var offered = offer.Media[index];
        var answered = answer.Media[index];
        if (answered.Port == 0)
        {
            return SdpNegotiationResult.Failed(SdpNegotiationFailure.StreamRejected, offer, answer);
        }

        if (SdpMediaRules.ChooseByRemoteOrder(answered, offered, settings.Codecs) is not { } codec)
        {
            return SdpNegotiationResult.Failed(SdpNegotiationFailure.NoCommonCodec, offer, answer);
        }

        if (!SdpMediaRules.TryGetRemoteEndPoint(answer, answered, out var remote))
        {
            return SdpNegotiationResult.Failed(SdpNegotiationFailure.NoConnectionAddress, offer, answer);
        }

        var ourDirection = offer.GetEffectiveDirection(offered);
        var remoteDirection = answer.GetEffectiveDirection(answered);
        var reachable = !SdpMediaRules.IsUnspecified(remote.Address);
        var send = SdpDirectionRules.CanSend(ourDirection) && SdpDirectionRules.CanReceive(remoteDirection) && reachable;
        var receive = SdpDirectionRules.CanReceive(ourDirection) && SdpDirectionRules.CanSend(remoteDirection);
        var audio = new SdpNegotiatedAudio
        {
            Codec = codec,
            TelephoneEvent = settings.TelephoneEvent
                ? SdpMediaRules.ChooseTelephoneEvent(answered, codec.ClockRate, offered)
                : null,
            Ptime = SdpMediaRules.ChoosePtime(answer, answered, settings.Ptime),
            RemoteRtpEndPoint = remote,
            RemoteDirection = remoteDirection,
            LocalDirection = SdpDirectionRules.FromFlags(send, receive),

            // A recvonly answer to our sendonly offer is the peer accepting our hold, not holding us; only refusing
            // to receive what we offered to send counts.
            IsRemoteHold = !reachable || (SdpDirectionRules.CanSend(ourDirection) && !SdpDirectionRules.CanReceive(remoteDirection)),
            MediaIndex = index,
        };
        return SdpNegotiationResult.RemoteAnswer(offer, answer, audio);
    }

    private static int FindOfferedAudio(SessionDescription offer)
    {
        for (var index = 0; index < offer.Media.Count; index++)
        {
            if (offer.Media[index].IsAudio && offer.Media[index].Port != 0)
            {
                return index;
            }
        }

        return -1;
    }
}
