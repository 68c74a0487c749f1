namespace PhoneAgent.Pipeline.Frames;

/// <summary>The bot's goodbye (or transfer announcement) has been played: end the call now.</summary>
/// <param name="TurnId">The turn whose reply asked for it.</param>
/// <param name="TransferTarget">Where to transfer the caller, or null to hang up.</param>
public sealed record EndCallFrame(long TurnId, string? TransferTarget) : SystemFrame(TurnId);
