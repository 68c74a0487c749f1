namespace PhoneAgent.Testing.Speech;

/// <summary>Word error rate: word-level Levenshtein distance between a reference and a hypothesis.</summary>
public static class WordErrorRate
{
    /// <summary>Lower-cased words without punctuation.</summary>
    public static string[] Words(string text) =>
        new string(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c == '\'' ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The minimum number of substitutions, deletions and insertions turning reference into hypothesis.</summary>
    public static int Errors(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        var previous = new int[hypothesis.Count + 1];
        var current = new int[hypothesis.Count + 1];
        for (var j = 0; j <= hypothesis.Count; j++) previous[j] = j;
        for (var i = 1; i <= reference.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var substitution = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[hypothesis.Count];
    }

    /// <summary>
    /// The fewest errors turning <paramref name="reference"/> into any run of consecutive words of
    /// <paramref name="hypothesis"/>: how well one utterance is found inside the transcript of a longer recording,
    /// whatever was said before and after it.
    /// </summary>
    public static int ErrorsWithin(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        // Levenshtein with a free start (row 0 all zero) and a free end (the best of the last row).
        var previous = new int[hypothesis.Count + 1];
        var current = new int[hypothesis.Count + 1];
        for (var i = 1; i <= reference.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var substitution = previous[j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return reference.Count == 0 ? 0 : previous.Min();
    }

    /// <summary>The word error rate of <paramref name="hypothesis"/> against <paramref name="reference"/>, in percent.</summary>
    public static double Percent(string reference, string hypothesis)
    {
        var words = Words(reference);
        return 100.0 * Errors(words, Words(hypothesis)) / words.Length;
    }

    /// <summary>The word error rate of the best match of <paramref name="reference"/> inside <paramref name="transcript"/>, in percent.</summary>
    public static double PercentWithin(string reference, string transcript)
    {
        var words = Words(reference);
        return 100.0 * ErrorsWithin(words, Words(transcript)) / words.Length;
    }
}
