using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Stt;

/// <summary>How a recognition stream should treat its audio.</summary>
/// <param name="Bandwidth">Narrowband input must be compensated for (the 4–8 kHz band is empty); wideband is used untouched.</param>
/// <param name="Hints">Words or phrases the agent expects (keywords from its script); engines may bias towards them or ignore them.</param>
public sealed record SpeechStreamOptions(InputBandwidth Bandwidth, IReadOnlyList<string> Hints)
{
    /// <summary>Wideband, no hints.</summary>
    public static SpeechStreamOptions Default { get; } = new(InputBandwidth.Wideband, []);
}
