namespace PhoneAgent.Host.CallRecords;

/// <summary>A key the caller pressed.</summary>
/// <param name="Digit">0-9, *, #, A-D.</param>
/// <param name="At">When it was received.</param>
/// <param name="DurationMilliseconds">How long the key was held, as signalled.</param>
public sealed record CallDtmf(char Digit, DateTimeOffset At, double DurationMilliseconds);
