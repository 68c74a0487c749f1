namespace PhoneAgent.Pipeline.Tts;

/// <summary>The speech synthesisers <see cref="TextToSpeechFactory"/> can build.</summary>
public enum TtsEngine
{
    /// <summary>CMU Flite through Debian's libflite (local, 16 kHz voices).</summary>
    Flite,

    /// <summary>eSpeak NG through libespeak-ng (local, 22.05 kHz, many languages).</summary>
    Espeak,

    /// <summary>An OpenAI-compatible <c>/audio/speech</c> endpoint.</summary>
    OpenAi,
}
