namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>The result of one playout tick.</summary>
/// <param name="Status">Whether there is a frame, a gap to conceal, or nothing.</param>
/// <param name="SequenceNumber">
/// The frame's sequence number; for <see cref="JitterBufferStatus.Missing"/> the one being concealed. A concealed
/// frame with the same number as the frame that follows it was inserted to deepen the buffer, not lost.
/// </param>
/// <param name="Timestamp">The frame's RTP timestamp; for a missing frame, the one it would have had.</param>
/// <param name="Marker">The frame's marker bit: the first packet of a talkspurt.</param>
/// <param name="PayloadLength">The bytes of payload copied into the caller's buffer; 0 unless <see cref="JitterBufferStatus.Frame"/>.</param>
public readonly record struct JitterBufferFrame(JitterBufferStatus Status, ushort SequenceNumber, uint Timestamp, bool Marker, int PayloadLength);
