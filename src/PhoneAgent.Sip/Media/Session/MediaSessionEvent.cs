namespace PhoneAgent.Sip.Media.Session;

/// <summary>Something the caller's media did, delivered in order on <see cref="RtpMediaSession.Events"/>.</summary>
public abstract record MediaSessionEvent;
