namespace PhoneAgent.ConversationBench;

/// <summary>One caller question and what the bot did about it, read off the caller's captured packets.</summary>
/// <param name="SpeechEnd">When the question's last speech frame went out, on the caller's clock.</param>
/// <param name="BargeInMs">
/// The bot was talking when the question began: from the speech onset on the wire to the last bot audio packet
/// that arrived during the question; null when the bot was silent at the onset.
/// </param>
/// <param name="VoiceToVoiceMs">
/// From the end of the question's speech to the first bot audio packet after it; null when the bot did not reply
/// in time, or was still talking when the question ended (then nothing after it is a reply).
/// </param>
/// <param name="TalkedOver">The bot was still talking at the end of the question: the barge-in did not take.</param>
internal sealed record TurnResult(TimeSpan SpeechEnd, double? BargeInMs, double? VoiceToVoiceMs, bool TalkedOver);
