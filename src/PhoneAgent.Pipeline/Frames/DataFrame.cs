namespace PhoneAgent.Pipeline.Frames;

/// <summary>A frame that keeps its place in line: text, audio and the markers that must follow them in order.</summary>
public abstract record DataFrame(long TurnId) : Frame(TurnId);
