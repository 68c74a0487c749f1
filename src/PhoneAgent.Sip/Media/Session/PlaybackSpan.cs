namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Where one utterance sits in the sender's stream of bot samples: [<see cref="Start"/>, <see cref="End"/>); a cut
/// before its start leaves <see cref="End"/> below <see cref="Start"/>, nothing played.
/// </summary>
internal sealed class PlaybackSpan(long id, long start)
{
    public long Id { get; } = id;

    public long Start { get; } = start;

    /// <summary>One past the last sample; <see cref="long.MaxValue"/> while the utterance is still being enqueued.</summary>
    public long End { get; set; } = long.MaxValue;

    public bool Interrupted { get; set; }

    public bool IsOpen => End == long.MaxValue && !Interrupted;
}
