using System.Threading.Channels;

namespace PhoneAgent.Pipeline.Audio;

/// <summary>
/// The pipeline's only view of a call's audio: 20 ms frames of 16 kHz mono PCM16 in, bot PCM out, and a playout
/// queue that can be flushed or cut at a sample. The host implements it over RTP; tests implement it in memory.
/// </summary>
public interface IAudioPort
{
    /// <summary>Whether the caller's audio is telephone band (G.711) or wideband (Opus). May change on re-INVITE.</summary>
    InputBandwidth InputBandwidth { get; }

    /// <summary>The caller's audio, one <see cref="PipelineAudio.FrameSamples"/>-sample frame per 20 ms, in order. Completes when the call's media ends.</summary>
    ChannelReader<short[]> Input { get; }

    /// <summary>
    /// Sets who hears the caller's audio the moment each packet arrives, ahead of whatever paces <see cref="Input"/>
    /// (a jitter buffer), or null for nobody. It is for barge-in, which must not wait out the buffer's depth: late
    /// and repeated packets are left out and lost ones are not concealed, so it is no substitute for <see cref="Input"/>.
    /// The listener runs on the port's receive path: it must return quickly and never block.
    /// </summary>
    void SetArrivalListener(CallerAudioArrived? listener);

    /// <summary>DTMF digits and playback reports, in the order they happened.</summary>
    ChannelReader<AudioPortEvent> Events { get; }

    /// <summary>16 kHz samples of bot audio that have left for the caller so far (silence excluded).</summary>
    long PlaybackPosition { get; }

    /// <summary>
    /// Appends bot audio to the current utterance (opening one if the last was completed) and returns the utterance id
    /// that <see cref="PlaybackCompleted"/> will carry.
    /// </summary>
    long Play(ReadOnlySpan<short> pcm);

    /// <summary>Marks the end of the current utterance, so its <see cref="PlaybackCompleted"/> follows its last sample out.</summary>
    void CompleteUtterance();

    /// <summary>
    /// Barge-in: ends playback at <paramref name="position"/> (a <see cref="PlaybackPosition"/> value; now if already
    /// passed) with a short fade, and drops every queued sample after it.
    /// </summary>
    void CutAt(long position);
}
