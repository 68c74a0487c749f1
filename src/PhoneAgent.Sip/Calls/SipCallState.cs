namespace PhoneAgent.Sip.Calls;

/// <summary>Where a call is in its life.</summary>
public enum SipCallState
{
    /// <summary>INVITE received; 180 sent; not answered yet.</summary>
    Ringing,
    /// <summary>200 OK sent, waiting for the ACK (RFC 3261 §13.3.1.4).</summary>
    Answering,
    /// <summary>Confirmed dialog; media flows.</summary>
    Active,
    /// <summary>Over; see <see cref="SipCall.Completion"/>.</summary>
    Ended,
}
