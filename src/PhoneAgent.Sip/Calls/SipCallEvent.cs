using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Calls;

/// <summary>Something that happened to a call, delivered in order on <see cref="SipCall.Events"/>.</summary>
public abstract record SipCallEvent;

/// <summary>The call was answered and the caller acknowledged (ACK received).</summary>
public sealed record CallAnswered(CallMedia Media) : SipCallEvent;

/// <summary>The caller put the call on hold (sendonly/inactive/0.0.0.0 offer).</summary>
public sealed record CallHeld(CallMedia Media) : SipCallEvent;

/// <summary>The caller took the call off hold.</summary>
public sealed record CallResumed(CallMedia Media) : SipCallEvent;

/// <summary>A re-INVITE or UPDATE changed the media without a hold change (new address, codec or session refresh).</summary>
public sealed record CallMediaChanged(CallMedia Media) : SipCallEvent;

/// <summary>The caller pressed a key, signalled by SIP INFO (application/dtmf-relay or application/dtmf).</summary>
public sealed record CallDtmfReceived(DtmfDigit Digit) : SipCallEvent;

/// <summary>The call ended; always the last event.</summary>
public sealed record CallEnded(CallEndCause Cause, int? StatusCode = null) : SipCallEvent;
