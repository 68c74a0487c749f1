namespace PhoneAgent.Pipeline.Stt;

/// <summary>A recognition result from an <see cref="ISpeechToTextStream"/>.</summary>
/// <param name="Text">The words recognised so far in the current utterance (partial) or in the whole utterance (final).</param>
/// <param name="IsFinal">Whether this closes the utterance (after <see cref="ISpeechToTextStream.Flush"/>).</param>
public sealed record SpeechEvent(string Text, bool IsFinal);
