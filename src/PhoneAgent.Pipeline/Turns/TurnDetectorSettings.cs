namespace PhoneAgent.Pipeline.Turns;

/// <summary>How caller speech is told from noise and when a caller turn ends.</summary>
public sealed record TurnDetectorSettings
{
    /// <summary>Score (0–1) of the fast onset detector that counts as a possible start of speech.</summary>
    public float OnsetThreshold { get; init; } = 0.5f;

    /// <summary>Score (0–1) of the confirming detector (Silero) that counts as speech.</summary>
    public float ConfirmThreshold { get; init; } = 0.5f;

    /// <summary>Confirmed speech needed before an onset is a turn; shorter sounds are coughs and clicks.</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long after an onset the confirming detector may take to reach <see cref="MinSpeech"/>; past it the onset
    /// is rejected, so that steady noise that trips only the fast detector cannot hold the bot paused.
    /// </summary>
    public TimeSpan ConfirmWindow { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Silence after confirmed speech that ends the caller's turn. It is the largest part of the bot's response time
    /// (bench/conversation), and too short a wait answers a caller who pauses mid-sentence; 500 ms is the short end of
    /// the range people leave between turns on the phone.
    /// </summary>
    public TimeSpan EndOfTurnSilence { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Silence that ends the turn instead of <see cref="EndOfTurnSilence"/> when what the caller has said so far is
    /// already a complete request (the agent judges the recogniser's partial result); zero turns the early end off.
    /// A caller who goes on after it simply starts the next turn.
    /// </summary>
    public TimeSpan CompleteTurnSilence { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How much earlier than the confirming detector the fast one may date the end of speech. Silero's score stays
    /// above its threshold for 120–160 ms after the voice stops (bench/conversation's questions), which every turn
    /// would otherwise wait on top of its silence; the energy detector drops within a frame or two. Bounded because on
    /// quiet speech or a noisy line the energy detector's end can be wrong either way: when it ends later than
    /// Silero, Silero's end stands.
    /// </summary>
    public TimeSpan SpeechEndLag { get; init; } = TimeSpan.FromMilliseconds(120);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (OnsetThreshold is <= 0 or > 1) throw new ArgumentException($"{nameof(OnsetThreshold)} must be in (0, 1]; was {OnsetThreshold}.");
        if (ConfirmThreshold is <= 0 or > 1) throw new ArgumentException($"{nameof(ConfirmThreshold)} must be in (0, 1]; was {ConfirmThreshold}.");
        if (MinSpeech < TimeSpan.FromMilliseconds(20)) throw new ArgumentException($"{nameof(MinSpeech)} must be at least one 20 ms frame; was {MinSpeech}.");
        if (ConfirmWindow < MinSpeech) throw new ArgumentException($"{nameof(ConfirmWindow)} must be at least {nameof(MinSpeech)}; was {ConfirmWindow}.");
        if (EndOfTurnSilence < TimeSpan.FromMilliseconds(20)) throw new ArgumentException($"{nameof(EndOfTurnSilence)} must be at least one 20 ms frame; was {EndOfTurnSilence}.");
        if (SpeechEndLag < TimeSpan.Zero) throw new ArgumentException($"{nameof(SpeechEndLag)} must not be negative; was {SpeechEndLag}.");
        if (CompleteTurnSilence < TimeSpan.Zero || CompleteTurnSilence > EndOfTurnSilence)
        {
            throw new ArgumentException($"{nameof(CompleteTurnSilence)} must be between zero (off) and {nameof(EndOfTurnSilence)}; was {CompleteTurnSilence}.");
        }
    }
}
