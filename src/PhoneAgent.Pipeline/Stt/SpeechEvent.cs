namespace PhoneAgent.Pipeline.Stt;

/// <summary>A recognition result from an <see cref="ISpeechToTextStream"/>.</summary>
/// <param name="Text">The words recognised so far in the current utterance (partial) or in the whole utterance (final).</param>
/// <param name="IsFinal">Whether this closes the utterance (after <see cref="ISpeechToTextStream.Flush"/>).</param>
public sealed record SpeechEvent(string Text, bool IsFinal)
{
    /// <summary>
    /// How many utterances the stream had closed (by <see cref="ISpeechToTextStream.Flush"/> or
    /// <see cref="ISpeechToTextStream.Discard"/>) before the audio of this result. Results are read after the fact, so
    /// this is how a reader tells a late partial of an earlier utterance from one of the utterance now open. Engines
    /// that emit partial results must set it; one that emits only finals may leave it 0.
    /// </summary>
    public long Utterance { get; init; }
}
