using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>The caller pressed a key, sent as RFC 4733 telephone-events.</summary>
public sealed record DtmfReceived(DtmfDigit Digit) : MediaSessionEvent;
