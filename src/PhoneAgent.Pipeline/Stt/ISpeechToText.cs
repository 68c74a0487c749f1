namespace PhoneAgent.Pipeline.Stt;

/// <summary>A speech-to-text engine; opens one stream per call.</summary>
public interface ISpeechToText
{
    /// <summary>A short name for logs ("pocketsphinx", "openai").</summary>
    string Name { get; }

    /// <summary>Opens a recognition stream.</summary>
    ISpeechToTextStream CreateStream(SpeechStreamOptions options);
}
