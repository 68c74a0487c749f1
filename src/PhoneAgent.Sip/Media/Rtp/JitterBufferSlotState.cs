namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>What a ring slot of the jitter buffer holds for its sequence number.</summary>
internal enum JitterBufferSlotState
{
    /// <summary>Never used since the last resynchronisation.</summary>
    Empty,

    /// <summary>A packet waiting for playout.</summary>
    Buffered,

    /// <summary>A non-audio packet's sequence number, stepped over at playout without taking a tick.</summary>
    Placeholder,

    /// <summary>A packet that was played or discarded; a copy arriving now is a duplicate.</summary>
    Consumed,

    /// <summary>A sequence number whose turn passed with no packet; one arriving now is late.</summary>
    Missed,
}
