using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Conversation;

/// <summary>How a <see cref="ConversationPipeline"/> takes turns, handles barge-in and recovers from engine failures.</summary>
public sealed record ConversationSettings
{
    /// <summary>Speech onset, confirmation and end-of-turn detection.</summary>
    public TurnDetectorSettings Turn { get; init; } = new();

    /// <summary>Whether the caller can cut the greeting short; when false it plays in full and the caller's first turn waits for it.</summary>
    public bool GreetingInterruptible { get; init; } = true;

    /// <summary>What the bot says when the agent (or synthesis of a sentence) fails, before the call carries on.</summary>
    public string ApologyText { get; init; } = "Sorry, something went wrong on my side. Could you say that again?";

    /// <summary>How long an interrupted utterance may wait for the port's playback reports before it is finished anyway.</summary>
    public TimeSpan InterruptTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Characters a piece of a sentence needs before a comma, semicolon or colon may end it (see <see cref="Processing.TextChunker"/>).</summary>
    public int MinClauseLength { get; init; } = 40;

    /// <summary>Caller audio from before the speech onset that is still given to the recogniser, so the first syllable is not lost.</summary>
    public TimeSpan PreRoll { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Turn, nameof(Turn));
        Turn.Validate();
        if (string.IsNullOrWhiteSpace(ApologyText)) throw new ArgumentException($"{nameof(ApologyText)} must not be empty.");
        if (InterruptTimeout <= TimeSpan.Zero) throw new ArgumentException($"{nameof(InterruptTimeout)} must be positive; was {InterruptTimeout}.");
        if (MinClauseLength <= 0) throw new ArgumentException($"{nameof(MinClauseLength)} must be positive; was {MinClauseLength}.");
        if (PreRoll < TimeSpan.Zero) throw new ArgumentException($"{nameof(PreRoll)} must not be negative; was {PreRoll}.");
    }
}
