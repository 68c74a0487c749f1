namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// The samples of one sentence that went out under one port utterance id. A sentence has one segment unless a false
/// interruption paused it: then its remainder is a second segment, starting where the first was cut.
/// </summary>
internal sealed class PlayoutSegment(int sentence)
{
    public int Sentence { get; } = sentence;

    public long Length { get; set; }

    /// <summary>Whether the port has reported the segment played or cut.</summary>
    public bool Finished { get; set; }

    /// <summary>Samples the port reported as sent.</summary>
    public long Played { get; set; }
}
