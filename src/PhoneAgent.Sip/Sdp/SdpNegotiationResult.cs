using System.Diagnostics.CodeAnalysis;

namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The outcome of one offer/answer exchange, whichever side made the offer.
/// </summary>
public sealed class SdpNegotiationResult
{
    private SdpNegotiationResult(
        SdpNegotiationFailure failure,
        SdpNegotiatedAudio? audio,
        SessionDescription offer,
        SessionDescription? answer,
        bool isLocalAnswer,
        ReadOnlyMemory<byte> answerBytes)
    {
        Failure = failure;
        Audio = audio;
        Offer = offer;
        Answer = answer;
        IsLocalAnswer = isLocalAnswer;
        AnswerBytes = answerBytes;
    }

    /// <summary>Why negotiation failed, or <see cref="SdpNegotiationFailure.None"/>.</summary>
    public SdpNegotiationFailure Failure { get; }

    /// <summary>Whether an audio stream was agreed; <see cref="Audio"/> and <see cref="Answer"/> are then set.</summary>
    [MemberNotNullWhen(true, nameof(Audio), nameof(Answer))]
    public bool IsAccepted => Failure == SdpNegotiationFailure.None;

    /// <summary>The agreed audio stream, or <see langword="null"/> when negotiation failed.</summary>
    public SdpNegotiatedAudio? Audio { get; }

    /// <summary>The offer: the peer's when <see cref="IsLocalAnswer"/>, otherwise ours.</summary>
    public SessionDescription Offer { get; }

    /// <summary>
    /// The answer: ours when <see cref="IsLocalAnswer"/> (absent when the offer was not acceptable),
    /// otherwise the peer's.
    /// </summary>
    public SessionDescription? Answer { get; }

    /// <summary>Whether we produced the answer, so <see cref="AnswerBytes"/> must be sent to the peer.</summary>
    public bool IsLocalAnswer { get; }

    /// <summary>
    /// Our answer as UTF-8 with CRLF line endings, ready to be the body of the 200 OK (or ACK); empty unless
    /// <see cref="IsLocalAnswer"/> and <see cref="IsAccepted"/>.
    /// </summary>
    public ReadOnlyMemory<byte> AnswerBytes { get; }

    internal static SdpNegotiationResult LocalAnswer(SessionDescription offer, SessionDescription answer, byte[] answerBytes, SdpNegotiatedAudio audio) =>
        new(SdpNegotiationFailure.None, audio, offer, answer, isLocalAnswer: true, answerBytes);

    internal static SdpNegotiationResult RemoteAnswer(SessionDescription offer, SessionDescription answer, SdpNegotiatedAudio audio) =>
        new(SdpNegotiationFailure.None, audio, offer, answer, isLocalAnswer: false, ReadOnlyMemory<byte>.Empty);

    internal static SdpNegotiationResult Failed(SdpNegotiationFailure failure, SessionDescription offer, SessionDescription? remoteAnswer) =>
        new(failure, null, offer, remoteAnswer, isLocalAnswer: remoteAnswer is null, ReadOnlyMemory<byte>.Empty);
}
