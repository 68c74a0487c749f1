namespace PhoneAgent.Sip.Media.Session;

/// <summary>Sends one serialised RTP datagram; the buffer is reused as soon as the call returns.</summary>
public delegate void RtpDatagramSink(ReadOnlySpan<byte> datagram);
