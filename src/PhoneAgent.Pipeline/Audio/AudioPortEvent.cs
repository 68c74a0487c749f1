namespace PhoneAgent.Pipeline.Audio;

/// <summary>Something the call's media reports to the pipeline besides caller audio.</summary>
public abstract record AudioPortEvent;

/// <summary>The caller pressed a key (RFC 4733 telephone-event or SIP INFO).</summary>
/// <param name="Digit">0–9, *, #, A–D.</param>
/// <param name="Duration">How long the key was held, when known.</param>
public sealed record DtmfPressed(char Digit, TimeSpan Duration) : AudioPortEvent;

/// <summary>
/// An utterance handed to <see cref="IAudioPort.Play"/> has left the wire: played to the end, or cut short. This is
/// measured where the packets are sent, so it says what the caller actually heard.
/// </summary>
/// <param name="UtteranceId">The id <see cref="IAudioPort.Play"/> returned.</param>
/// <param name="PlayedSamples">16 kHz samples of the utterance that were sent.</param>
/// <param name="Interrupted">Whether a flush or cut ended it before its last sample.</param>
public sealed record PlaybackCompleted(long UtteranceId, long PlayedSamples, bool Interrupted) : AudioPortEvent;
