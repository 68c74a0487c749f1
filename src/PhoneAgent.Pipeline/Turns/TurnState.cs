namespace PhoneAgent.Pipeline.Turns;

/// <summary>The caller's side of the conversation as the <see cref="TurnDetector"/> sees it.</summary>
public enum TurnState
{
    /// <summary>The caller is quiet.</summary>
    Silence,

    /// <summary>A possible start of speech, not yet confirmed.</summary>
    Onset,

    /// <summary>The caller is talking (or pausing for less than the end-of-turn silence).</summary>
    Speaking,
}
