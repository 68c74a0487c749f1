namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>The running counts behind <see cref="JitterBufferStatistics"/>; guarded by the buffer's lock.</summary>
internal sealed class JitterBufferCounters
{
    public long Received;
    public long Duplicates;
    public long Late;
    public long Lost;
    public long Concealed;
    public long Reordered;
    public long Discarded;
    public long Resynchronizations;

    public JitterBufferStatistics Snapshot(TimeSpan currentDepth, TimeSpan targetDepth) =>
        new(Received, Duplicates, Late, Lost, Concealed, Reordered, Discarded, Resynchronizations, currentDepth, targetDepth);
}
