namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>What <see cref="AdaptiveJitterBuffer.Pop"/> has for the current playout tick.</summary>
public enum JitterBufferStatus
{
    /// <summary>Nothing to play: no stream yet, still filling to the target depth, or the sender has gone quiet. Play silence or comfort noise.</summary>
    NotReady,

    /// <summary>A packet's payload to decode and play.</summary>
    Frame,

    /// <summary>The frame is missing: run the decoder's packet loss concealment (PLC) for one frame.</summary>
    Missing,
}
