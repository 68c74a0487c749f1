namespace PhoneAgent.Testing.Calls;

/// <summary>Levels of PCM16 audio, for telling speech from silence on the wire.</summary>
public static class AudioLevel
{
    /// <summary>The RMS level of <paramref name="pcm"/> in dBFS; negative infinity for digital silence.</summary>
    public static double Dbfs(ReadOnlySpan<short> pcm)
    {
        if (pcm.IsEmpty) return double.NegativeInfinity;
        double sum = 0;
        foreach (var s in pcm) sum += (double)s * s;
        return sum == 0 ? double.NegativeInfinity : 10 * Math.Log10(sum / pcm.Length / (32768.0 * 32768.0));
    }
}
