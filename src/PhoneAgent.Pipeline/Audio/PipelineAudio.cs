namespace PhoneAgent.Pipeline.Audio;

/// <summary>The one audio format the pipeline exchanges with whatever carries the call: 20 ms frames of 16 kHz mono PCM16.</summary>
public static class PipelineAudio
{
    /// <summary>Samples per second of every frame in and out of the pipeline.</summary>
    public const int SampleRate = 16000;

    /// <summary>Samples in one 20 ms frame.</summary>
    public const int FrameSamples = 320;

    /// <summary>The duration of <paramref name="samples"/> samples at <see cref="SampleRate"/>.</summary>
    public static TimeSpan Duration(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate);
}
