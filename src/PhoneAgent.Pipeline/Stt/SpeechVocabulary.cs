namespace PhoneAgent.Pipeline.Stt;

/// <summary>
/// The closed set of words an agent can act on, for a recogniser that can restrict itself to them (an IVR-style
/// constrained vocabulary is both cheaper to search and more accurate in the agent's domain).
/// </summary>
/// <param name="Keywords">Words or phrases the agent matches on, lower case; a trailing <c>*</c> stands for any word ending.</param>
/// <param name="Phrases">Sentences the caller is likely to echo (the agent's own prompts and replies).</param>
public sealed record SpeechVocabulary(IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrases);
