using System.Net;
using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>A snapshot of an <see cref="RtpMediaSession"/>'s counters, for metrics and the end-of-call quality log.</summary>
/// <param name="PacketsReceived">RTP packets accepted from the latched source, voice and events.</param>
/// <param name="PacketsSent">RTP packets sent.</param>
/// <param name="Lost">Voice frames never played because no packet arrived in time.</param>
/// <param name="Late">Voice packets that arrived after their playout time.</param>
/// <param name="Duplicates">Voice packets that were copies of one already buffered or played.</param>
/// <param name="Discarded">Voice frames the jitter buffer dropped unplayed, to shrink or to cut back after a stall.</param>
/// <param name="JitterMilliseconds">The RFC 3550 §6.4.1 interarrival jitter of the caller's stream.</param>
/// <param name="FramesDropped">Decoded 16 kHz frames dropped because the consumer fell behind.</param>
/// <param name="LateTicks">Media ticks that ran late because the clock woke late.</param>
/// <param name="SkippedTicks">Media ticks whose packet was not sent after a long stall (the caller's audio was still played out).</param>
/// <param name="RtcpSent">RTCP compound packets sent.</param>
/// <param name="RtcpReceived">Valid RTCP compound packets received.</param>
/// <param name="Dropped">Discarded datagrams by reason.</param>
/// <param name="Malformed">Malformed RTP datagrams by parse error.</param>
/// <param name="LatchedSource">The address the session latched onto (RFC 4961 symmetric RTP), null if no packet was accepted.</param>
public sealed record MediaSessionStatistics(
    long PacketsReceived,
    long PacketsSent,
    long Lost,
    long Late,
    long Duplicates,
    long Discarded,
    double JitterMilliseconds,
    long FramesDropped,
    long LateTicks,
    long SkippedTicks,
    long RtcpSent,
    long RtcpReceived,
    IReadOnlyDictionary<RtpDropReason, long> Dropped,
    IReadOnlyDictionary<RtpParseError, long> Malformed,
    IPEndPoint? LatchedSource);
