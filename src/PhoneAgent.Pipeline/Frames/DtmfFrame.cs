namespace PhoneAgent.Pipeline.Frames;

/// <summary>The caller pressed a key.</summary>
/// <param name="TurnId">The bot turn current when the key was pressed.</param>
/// <param name="Digit">0–9, *, #, A–D.</param>
public sealed record DtmfFrame(long TurnId, char Digit) : SystemFrame(TurnId);
