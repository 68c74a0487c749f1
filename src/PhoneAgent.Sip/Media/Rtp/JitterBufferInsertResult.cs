namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>What <see cref="AdaptiveJitterBuffer"/> did with an arriving packet.</summary>
public enum JitterBufferInsertResult
{
    /// <summary>Stored for playout.</summary>
    Buffered,

    /// <summary>A copy of a packet already buffered or played; dropped.</summary>
    Duplicate,

    /// <summary>Arrived after its playout time had passed (it was concealed); dropped.</summary>
    Late,

    /// <summary>
    /// Far from the current sequence: held until the next packet confirms that the sender really jumped, as RFC 3550
    /// Appendix A.1 does, so one stray packet cannot flush the buffer.
    /// </summary>
    HeldForConfirmation,

    /// <summary>Larger than <see cref="JitterBufferOptions.MaxPayloadSize"/>; dropped.</summary>
    TooLarge,

    /// <summary>A non-audio placeholder outside the playout window, or for a stream the buffer is not playing; ignored.</summary>
    Ignored,
}
