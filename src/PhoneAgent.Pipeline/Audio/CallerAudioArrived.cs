namespace PhoneAgent.Pipeline.Audio;

/// <summary>Receives caller audio the moment its packet arrives: 16 kHz mono PCM of any length, in arrival order.</summary>
/// <param name="pcm">The audio, valid only during the call.</param>
public delegate void CallerAudioArrived(ReadOnlySpan<short> pcm);
