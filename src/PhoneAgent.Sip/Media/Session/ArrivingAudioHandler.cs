namespace PhoneAgent.Sip.Media.Session;

/// <summary>Receives caller audio the moment its RTP packet arrives: 16 kHz mono PCM, one packet's worth.</summary>
/// <param name="pcm">The decoded packet, valid only during the call.</param>
public delegate void ArrivingAudioHandler(ReadOnlySpan<short> pcm);
