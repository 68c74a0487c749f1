namespace PhoneAgent.Pipeline.Conversation;

/// <summary>How a bot utterance ended.</summary>
/// <param name="TextSaid">Everything the bot synthesised for the turn.</param>
/// <param name="TextHeard">The part the caller actually heard: whole sentences played plus the proportional prefix, cut at a word, of the sentence in progress.</param>
/// <param name="Interrupted">Whether a barge-in (or <see cref="SpeechHandle.Interrupt"/>) ended it early.</param>
public sealed record SpeechOutcome(string TextSaid, string TextHeard, bool Interrupted);
