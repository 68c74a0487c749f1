namespace PhoneAgent.Sip.Calls;

/// <summary>Why a call ended (sipgo records a cancel cause on its dialogs; so do we).</summary>
public enum CallEndCause
{
    /// <summary>The caller sent BYE.</summary>
    RemoteHangup,
    /// <summary>The bot hung up (BYE, or a final error response before answer).</summary>
    LocalHangup,
    /// <summary>The caller cancelled before answer (CANCEL → 487).</summary>
    Cancelled,
    /// <summary>Our 2xx was never acknowledged within 64*T1 (RFC 3261 §13.3.1.4).</summary>
    NoAck,
    /// <summary>A transaction of the call timed out or its transport failed.</summary>
    TransportFailure,
    /// <summary>No RTP arrived for longer than the configured media timeout.</summary>
    MediaTimeout,
    /// <summary>The process is shutting down.</summary>
    Shutdown,
    /// <summary>The bot handed the caller on (REFER, RFC 3515) and hung up once the transfer succeeded.</summary>
    Transferred,
}
