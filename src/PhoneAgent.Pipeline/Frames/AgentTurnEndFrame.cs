namespace PhoneAgent.Pipeline.Frames;

/// <summary>
/// The bot's reply is complete. It travels behind the reply's text and audio, so that a hang-up or transfer it asks
/// for happens only after everything before it has been spoken.
/// </summary>
/// <param name="TurnId">The turn.</param>
/// <param name="TransferTarget">Set with <paramref name="EndCall"/> to transfer instead of hanging up.</param>
/// <param name="EndCall">Whether the call ends once the reply has been played.</param>
public sealed record AgentTurnEndFrame(long TurnId, bool EndCall = false, string? TransferTarget = null) : DataFrame(TurnId);
