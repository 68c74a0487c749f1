namespace PhoneAgent.Pipeline.Processing;

/// <summary>Maps played audio onto the text it speaks, so that only what the caller heard enters the conversation (STYLE §5).</summary>
public static class HeardText
{
    /// <summary>
    /// The prefix of <paramref name="text"/> proportional to <paramref name="playedSamples"/> of
    /// <paramref name="totalSamples"/>, cut back to the last whole word: speech rate is roughly even over a sentence,
    /// and a word the caller heard only half of is better left out than guessed.
    /// </summary>
    public static string Prefix(string text, long playedSamples, long totalSamples)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (totalSamples <= 0 || playedSamples <= 0) return string.Empty;
        if (playedSamples >= totalSamples) return text.Trim();
        var length = (int)(text.Length * playedSamples / totalSamples);
        if (length >= text.Length) return text.Trim();

        // The prefix ends on a word boundary if the next character separates words; otherwise drop the partial word.
        var end = length;
        if (!char.IsWhiteSpace(text[end]))
        {
            while (end > 0 && !char.IsWhiteSpace(text[end - 1])) end--;
        }

        return text[..end].Trim();
    }
}
