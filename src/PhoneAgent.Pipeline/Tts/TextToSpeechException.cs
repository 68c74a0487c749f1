namespace PhoneAgent.Pipeline.Tts;

/// <summary>A text-to-speech engine failed to synthesise: a native library error or a speech server's refusal.</summary>
public sealed class TextToSpeechException : Exception
{
    /// <summary>Creates the exception for <paramref name="engine"/>.</summary>
    public TextToSpeechException(string engine, string message, int? statusCode = null, Exception? innerException = null)
        : base($"{engine}: {message}", innerException)
    {
        Engine = engine;
        StatusCode = statusCode;
    }

    /// <summary>The engine's <see cref="ITextToSpeech.Name"/>.</summary>
    public string Engine { get; }

    /// <summary>The HTTP status a speech server answered with, or null when no response arrived or the engine is local.</summary>
    public int? StatusCode { get; }
}
