namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// One bot utterance has left the <see cref="PacedSender"/>: played to the end, or cut short by a barge-in. The
/// pipeline commits to the conversation only what the caller heard (LiveKit's <c>PlaybackFinishedEvent</c>).
/// </summary>
/// <param name="UtteranceId">The id <see cref="PacedSender.Enqueue"/> returned for the utterance's audio.</param>
/// <param name="PlayedSamples">16 kHz samples of the utterance that were sent, a cut's fade-out included.</param>
/// <param name="Interrupted">Whether <see cref="PacedSender.Flush"/> or a cut ended it before its last sample.</param>
public sealed record PlaybackFinished(long UtteranceId, long PlayedSamples, bool Interrupted);
