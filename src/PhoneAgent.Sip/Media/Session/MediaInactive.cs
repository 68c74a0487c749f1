namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// No RTP has arrived for <see cref="RtpMediaSessionOptions.InactivityTimeout"/> while the call was not on hold:
/// the caller's side is most likely gone, and the call should end with <c>CallEndCause.MediaTimeout</c>.
/// </summary>
/// <param name="Silence">How long it has been since the last packet (or since the session started or resumed).</param>
public sealed record MediaInactive(TimeSpan Silence) : MediaSessionEvent;
