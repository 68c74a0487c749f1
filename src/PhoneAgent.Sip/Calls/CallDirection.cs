namespace PhoneAgent.Sip.Calls;

/// <summary>Who started a call.</summary>
public enum CallDirection
{
    /// <summary>The peer sent us the INVITE.</summary>
    Inbound,
    /// <summary>We sent the INVITE (<see cref="SipUserAgent.DialAsync"/>).</summary>
    Outbound,
}
