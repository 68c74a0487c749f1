namespace PhoneAgent.Pipeline.Tts;

/// <summary>A text-to-speech engine. One instance may serve many calls concurrently.</summary>
public interface ITextToSpeech
{
    /// <summary>A short name for logs ("flite", "espeak-ng", "openai").</summary>
    string Name { get; }

    /// <summary>
    /// Speaks <paramref name="text"/> (a sentence or clause) as 16 kHz mono PCM16, streamed in chunks as soon as they
    /// are ready. Cancelling the token stops synthesis promptly.
    /// </summary>
    IAsyncEnumerable<short[]> SynthesizeAsync(string text, CancellationToken cancellationToken);
}
