namespace PhoneAgent.Testing.Calls;

/// <summary>An RTP packet from the bot as the caller's socket received it.</summary>
/// <param name="Arrival">When it arrived, measured from the start of the caller's media.</param>
/// <param name="SequenceNumber">Its RTP sequence number.</param>
/// <param name="Marker">Its marker bit.</param>
/// <param name="Level">Its decoded audio's RMS level in dBFS (negative infinity for digital silence).</param>
/// <param name="Pcm">Its decoded 8 kHz audio.</param>
public sealed record CapturedPacket(TimeSpan Arrival, ushort SequenceNumber, bool Marker, double Level, short[] Pcm);
