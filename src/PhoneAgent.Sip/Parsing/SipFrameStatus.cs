namespace PhoneAgent.Sip.Parsing;

/// <summary>What a stream-framing attempt found at the start of the buffer.</summary>
public enum SipFrameStatus
{
    /// <summary>The buffer holds only a prefix of a message; nothing was consumed.</summary>
    NeedMoreData,
    /// <summary>A whole message was framed (it may still carry a validation error).</summary>
    Message,
    /// <summary>The stream cannot be framed any further (e.g. bad Content-Length, too large); close it.</summary>
    Invalid,
    /// <summary>A CRLFCRLF keep-alive ping (RFC 5626 §3.5.1) was consumed; answer with CRLF.</summary>
    KeepAlive,
}
