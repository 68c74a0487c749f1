namespace PhoneAgent.Pipeline.Frames;

/// <summary>A control frame that overtakes every queued <see cref="DataFrame"/> (Pipecat's system priority).</summary>
public abstract record SystemFrame(long TurnId) : Frame(TurnId);
