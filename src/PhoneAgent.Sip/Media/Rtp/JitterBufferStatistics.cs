namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>A snapshot of an <see cref="AdaptiveJitterBuffer"/>'s counters, for metrics and call-quality logs.</summary>
/// <param name="Received">Audio packets offered to the buffer, whatever became of them.</param>
/// <param name="Duplicates">Packets dropped as copies of one already buffered or played.</param>
/// <param name="Late">Packets dropped because they arrived after their playout time.</param>
/// <param name="Lost">Sequence numbers that were never played because no packet arrived in time.</param>
/// <param name="Concealed">Ticks that returned <see cref="JitterBufferStatus.Missing"/>: losses plus frames inserted to grow the buffer.</param>
/// <param name="Reordered">Packets that arrived after a higher sequence number and were still in time.</param>
/// <param name="Discarded">Buffered frames dropped unplayed to shrink the buffer or to cut an overfull one back.</param>
/// <param name="Resynchronizations">Times the buffer started over on a new SSRC or a confirmed sequence jump.</param>
/// <param name="CurrentDepth">Audio buffered at the last tick, the frame being played included.</param>
/// <param name="TargetDepth">The depth the buffer is adapting towards, from the measured jitter.</param>
public readonly record struct JitterBufferStatistics(
    long Received,
    long Duplicates,
    long Late,
    long Lost,
    long Concealed,
    long Reordered,
    long Discarded,
    long Resynchronizations,
    TimeSpan CurrentDepth,
    TimeSpan TargetDepth);
