namespace PhoneAgent.Pipeline.Turns;

/// <summary>What one caller frame changed in the <see cref="TurnDetector"/>.</summary>
public enum TurnEvent
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>The fast detector heard a possible start of speech: pause the bot, but do not interrupt yet.</summary>
    Onset,

    /// <summary>The confirming detector heard at least the minimum speech: the caller is talking.</summary>
    Confirmed,

    /// <summary>The onset was not speech (a cough, a click, line noise): resume the bot.</summary>
    Rejected,

    /// <summary>The caller has been silent for the end-of-turn silence: their turn is over.</summary>
    EndOfTurn,
}
