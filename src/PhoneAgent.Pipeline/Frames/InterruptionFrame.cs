namespace PhoneAgent.Pipeline.Frames;

/// <summary>The caller barged in: every processor drops its buffered work for turns up to <see cref="Frame.TurnId"/>.</summary>
public sealed record InterruptionFrame(long TurnId) : SystemFrame(TurnId);
