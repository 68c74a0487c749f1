namespace PhoneAgent.Pipeline.Tts;

/// <summary>
/// Cuts the near-silence a synthesiser puts before the speech of each utterance. flite starts every clause with about
/// 220 ms of low noise (peaks under -50 dBFS) before the first phone; on the first clause of a reply that is dead air
/// the caller waits through, on top of the turn's latency.
/// </summary>
internal static class LeadingSilence
{
    /// <summary>Audio kept before the first speech window, so that a soft onset (a fricative) is not clipped.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(40);

    // 10 ms windows at 16 kHz; speech is a window whose RMS exceeds -45 dBFS (flite's speech runs at about -20 dBFS,
    // its lead-in noise below -55).
    private const int Window = 160;
    private const double SpeechRms = 32768 * 0.005623;

    /// <summary>
    /// <paramref name="pcm16k"/> from <see cref="Margin"/> before its first speech window on; unchanged when it has
    /// no such lead-in, or no speech at all.
    /// </summary>
    public static short[] Trim(short[] pcm16k)
    {
        ArgumentNullException.ThrowIfNull(pcm16k);
        var margin = (int)(Margin.TotalSeconds * Audio.PipelineAudio.SampleRate);
        for (var start = 0; start + Window <= pcm16k.Length; start += Window)
        {
            double sum = 0;
            for (var i = start; i < start + Window; i++) sum += (double)pcm16k[i] * pcm16k[i];
            if (Math.Sqrt(sum / Window) < SpeechRms) continue;
            var from = Math.Max(0, start - margin);
            return from == 0 ? pcm16k : pcm16k[from..];
        }

        return pcm16k;
    }
}
