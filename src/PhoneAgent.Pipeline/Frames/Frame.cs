namespace PhoneAgent.Pipeline.Frames;

/// <summary>
/// An immutable message between the call's processors, stamped with the bot turn it belongs to so that every
/// processor can drop what a cancelled turn left behind (STYLE §5; Pipecat #4996 shows why ordering alone is not enough).
/// </summary>
/// <param name="TurnId">The bot turn (see <see cref="Turns.TurnTracker"/>) the frame belongs to; 0 for none.</param>
public abstract record Frame(long TurnId);
