namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>The error codes libopus returns as negative integers (opus_defines.h, "Error codes").</summary>
public enum OpusError
{
    /// <summary>OPUS_BAD_ARG: an argument was invalid or out of range, such as a frame size that is not 2.5 to 60 ms.</summary>
    BadArgument = -1,

    /// <summary>OPUS_BUFFER_TOO_SMALL: the output buffer cannot hold the result.</summary>
    BufferTooSmall = -2,

    /// <summary>OPUS_INTERNAL_ERROR: libopus detected an internal inconsistency.</summary>
    InternalError = -3,

    /// <summary>OPUS_INVALID_PACKET: the packet is corrupt or not an Opus packet (RFC 6716 §3.4).</summary>
    InvalidPacket = -4,

    /// <summary>OPUS_UNIMPLEMENTED: the request number is unknown to this libopus.</summary>
    Unimplemented = -5,

    /// <summary>OPUS_INVALID_STATE: the encoder or decoder state is corrupt.</summary>
    InvalidState = -6,

    /// <summary>OPUS_ALLOC_FAIL: libopus could not allocate memory.</summary>
    AllocationFailed = -7,
}
