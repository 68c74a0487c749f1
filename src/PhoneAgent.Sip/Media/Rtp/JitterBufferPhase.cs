namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>Where an <see cref="AdaptiveJitterBuffer"/> is in its cycle.</summary>
internal enum JitterBufferPhase
{
    /// <summary>No packet has arrived yet.</summary>
    Idle,

    /// <summary>Collecting packets until the target depth is reached: at the start, after a resync, or at a new talkspurt.</summary>
    Buffering,

    /// <summary>Handing out one frame per tick.</summary>
    Playing,
}
