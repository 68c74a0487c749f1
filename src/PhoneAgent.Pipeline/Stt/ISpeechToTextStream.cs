namespace PhoneAgent.Pipeline.Stt;

/// <summary>
/// One call's recognition (LiveKit's STT stream shape, STYLE §5): push 16 kHz frames, <see cref="Flush"/> at the end
/// of each caller utterance to get its final result, read results from <see cref="Results"/>.
/// </summary>
public interface ISpeechToTextStream : IAsyncDisposable
{
    /// <summary>Feeds 16 kHz mono PCM of any length. Does not block on recognition.</summary>
    void PushFrame(ReadOnlySpan<short> pcm);

    /// <summary>Ends the current utterance: a final <see cref="SpeechEvent"/> for it follows (with empty text if nothing was recognised).</summary>
    void Flush();

    /// <summary>Drops the audio of the current utterance without a result (e.g. an onset that was only noise).</summary>
    void Discard();

    /// <summary>No more audio: <see cref="Results"/> completes after the pending results.</summary>
    void EndInput();

    /// <summary>Partial and final results, in order.</summary>
    IAsyncEnumerable<SpeechEvent> Results { get; }
}
