namespace PhoneAgent.Pipeline.Frames;

/// <summary>Synthesised 16 kHz mono PCM of the sentence <paramref name="Text"/>.</summary>
/// <param name="TurnId">The turn.</param>
/// <param name="Text">The sentence this audio speaks (the same for every piece of one sentence).</param>
/// <param name="Pcm">The audio; never modified after the frame is created.</param>
public sealed record TtsAudioFrame(long TurnId, string Text, short[] Pcm) : DataFrame(TurnId);
