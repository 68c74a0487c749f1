namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>A DTMF key press, however it was signalled.</summary>
/// <param name="Digit">0–9, *, # or A–D.</param>
/// <param name="Duration">How long the key was held, or <see cref="TimeSpan.Zero"/> when the signalling did not say.</param>
public readonly record struct DtmfDigit(char Digit, TimeSpan Duration);
