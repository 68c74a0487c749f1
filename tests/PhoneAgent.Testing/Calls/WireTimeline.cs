namespace PhoneAgent.Testing.Calls;

/// <summary>
/// Reads the bot's behaviour off the packets a caller captured: when it started and stopped talking, and how
/// evenly its packets arrived. A packet is "audio" when its decoded level is above a threshold; the bot's silence
/// packets decode to digital zero.
/// </summary>
public static class WireTimeline
{
    /// <summary>The level above which a packet counts as bot audio, in dBFS.</summary>
    public const double AudioLevel = -55;

    /// <summary>The first audio packet that arrived at or after <paramref name="after"/>, or null.</summary>
    public static CapturedPacket? FirstAudioAfter(IReadOnlyList<CapturedPacket> packets, TimeSpan after) =>
        packets.FirstOrDefault(p => p.Arrival >= after && p.Level > AudioLevel);

    /// <summary>
    /// The last audio packet before the bot fell silent for at least <paramref name="quiet"/>, looking from
    /// <paramref name="after"/> on (the bot may already have been silent then: the last audio before it counts).
    /// Null while the bot has not yet been silent that long, or if it never spoke.
    /// </summary>
    public static CapturedPacket? LastAudioBeforeSilence(IReadOnlyList<CapturedPacket> packets, TimeSpan after, TimeSpan quiet)
    {
        CapturedPacket? last = null;
        foreach (var p in packets)
        {
            if (p.Level > AudioLevel)
            {
                if (last is not null && p.Arrival >= after && p.Arrival - last.Arrival >= quiet) return last;
                last = p;
                continue;
            }

            if (last is not null && p.Arrival >= after && p.Arrival - last.Arrival >= quiet) return last;
        }

        return null;
    }

    /// <summary>Whether the latest <paramref name="quiet"/> of captured packets are all silence (and some were captured).</summary>
    public static bool SilentFor(IReadOnlyList<CapturedPacket> packets, TimeSpan quiet)
    {
        if (packets.Count == 0) return false;
        var end = packets[^1].Arrival;
        if (end < quiet) return false;
        for (var i = packets.Count - 1; i >= 0 && packets[i].Arrival > end - quiet; i--)
        {
            if (packets[i].Level > AudioLevel) return false;
        }

        return true;
    }

    /// <summary>
    /// For each pair of consecutive packets, how far their spacing on arrival was from the 20 ms the sender paces
    /// at, in milliseconds: the send jitter as the caller sees it.
    /// </summary>
    public static IEnumerable<double> SpacingJitterMilliseconds(IReadOnlyList<CapturedPacket> packets, TimeSpan ptime)
    {
        for (var i = 1; i < packets.Count; i++)
        {
            yield return Math.Abs((packets[i].Arrival - packets[i - 1].Arrival - ptime).TotalMilliseconds);
        }
    }
}
