using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Host.Conversation;

/// <summary>The "Conversation" configuration section: turn taking and barge-in, in milliseconds as operators write them.</summary>
public sealed class ConversationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Conversation";

    /// <summary>Score (0–1) of the fast detector that counts as a speech onset and pauses the bot.</summary>
    public double OnsetThreshold { get; set; } = 0.5;

    /// <summary>Score (0–1) of the confirming detector (Silero) that counts as speech.</summary>
    public double ConfirmThreshold { get; set; } = 0.5;

    /// <summary>Speech needed before an onset is a turn (and a barge-in interrupts); shorter noises only pause playback.</summary>
    public int MinSpeechMs { get; set; } = 200;

    /// <summary>How long an onset may wait for confirmation before it is rejected as noise and playback resumes.</summary>
    public int ConfirmWindowMs { get; set; } = 500;

    /// <summary>Silence that ends the caller's turn; longer waits out mid-sentence pauses, at the cost of every reply's latency.</summary>
    public int EndOfTurnSilenceMs { get; set; } = 500;

    /// <summary>Silence that ends the turn when the agent judges the caller's words so far a complete request; 0 turns it off.</summary>
    public int CompleteTurnSilenceMs { get; set; } = 200;

    /// <summary>Whether the caller can talk over the greeting.</summary>
    public bool GreetingInterruptible { get; set; } = true;

    /// <summary>What the bot says when the agent or synthesis fails.</summary>
    public string ApologyText { get; set; } = "Sorry, something went wrong on my side. Could you say that again?";

    /// <summary>Caller audio before the onset still given to the recogniser.</summary>
    public int PreRollMs { get; set; } = 200;

    /// <summary>Characters a clause needs before a comma may end it (the first clause goes to synthesis sooner).</summary>
    public int MinClauseLength { get; set; } = 40;

    /// <summary>Validates the options and builds the pipeline's settings; throws <see cref="ConfigurationException"/> naming the bad key.</summary>
    public ConversationSettings ToSettings()
    {
        Check(nameof(OnsetThreshold), OnsetThreshold is > 0 and < 1, $"{OnsetThreshold} is not between 0 and 1");
        Check(nameof(ConfirmThreshold), ConfirmThreshold is > 0 and < 1, $"{ConfirmThreshold} is not between 0 and 1");
        Check(nameof(MinSpeechMs), MinSpeechMs is >= 20 and <= 2000, $"{MinSpeechMs} is outside 20-2000 ms");
        Check(nameof(ConfirmWindowMs), ConfirmWindowMs >= MinSpeechMs && ConfirmWindowMs <= 5000, $"{ConfirmWindowMs} is outside {MinSpeechMs} (MinSpeechMs)-5000 ms");
        Check(nameof(EndOfTurnSilenceMs), EndOfTurnSilenceMs is >= 100 and <= 5000, $"{EndOfTurnSilenceMs} is outside 100-5000 ms");
        Check(
            nameof(CompleteTurnSilenceMs),
            CompleteTurnSilenceMs == 0 || (CompleteTurnSilenceMs >= 100 && CompleteTurnSilenceMs <= EndOfTurnSilenceMs),
            $"{CompleteTurnSilenceMs} is neither 0 (off) nor within 100-{EndOfTurnSilenceMs} (EndOfTurnSilenceMs) ms");
        Check(nameof(ApologyText), !string.IsNullOrWhiteSpace(ApologyText), "must not be empty");
        Check(nameof(PreRollMs), PreRollMs is >= 0 and <= 1000, $"{PreRollMs} is outside 0-1000 ms");
        Check(nameof(MinClauseLength), MinClauseLength is > 0 and <= 1000, $"{MinClauseLength} is outside 1-1000");
        return new ConversationSettings
        {
            Turn = new TurnDetectorSettings
            {
                OnsetThreshold = (float)OnsetThreshold,
                ConfirmThreshold = (float)ConfirmThreshold,
                MinSpeech = TimeSpan.FromMilliseconds(MinSpeechMs),
                ConfirmWindow = TimeSpan.FromMilliseconds(ConfirmWindowMs),
                EndOfTurnSilence = TimeSpan.FromMilliseconds(EndOfTurnSilenceMs),
                CompleteTurnSilence = TimeSpan.FromMilliseconds(CompleteTurnSilenceMs),
            },
            GreetingInterruptible = GreetingInterruptible,
            ApologyText = ApologyText,
            PreRoll = TimeSpan.FromMilliseconds(PreRollMs),
            MinClauseLength = MinClauseLength,
        };
    }

    private static void Check(string name, bool valid, string problem)
    {
        if (!valid) throw new ConfigurationException($"{Section}:{name}", problem);
    }
}
