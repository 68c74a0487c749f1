namespace PhoneAgent.Pipeline.Vad;

/// <summary>
/// Scores 20 ms frames of 16 kHz audio for speech. Stateful (one instance per call); not thread-safe. The turn logic
/// that turns scores into "started/stopped speaking" lives in the pipeline, not here.
/// </summary>
public interface IVoiceActivityDetector : IDisposable
{
    /// <summary>A short name for logs and metrics ("silero", "energy").</summary>
    string Name { get; }

    /// <summary>
    /// Feeds one frame of <see cref="Audio.PipelineAudio.FrameSamples"/> samples and returns the probability (0–1) that
    /// the most recent audio is speech. Detectors that work on longer windows return their latest score.
    /// </summary>
    float Process(ReadOnlySpan<short> frame);

    /// <summary>Forgets all state, as at the start of a call.</summary>
    void Reset();
}
