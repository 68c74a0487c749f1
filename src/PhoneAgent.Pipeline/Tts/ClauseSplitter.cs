namespace PhoneAgent.Pipeline.Tts;

/// <summary>
/// Cuts text into pieces an engine that synthesises whole utterances (flite) can speak one at a time, so the
/// first audio is ready after the first piece rather than after the whole text.
/// </summary>
/// <remarks>
/// Sentences are always separate pieces. The first sentence and any long one are cut after clause punctuation
/// too, and a piece still longer than <see cref="MaxPiece"/> characters at the last space before that limit.
/// Each cut costs a little prosody (every piece is intoned as a complete utterance), so later short sentences
/// stay whole; the first is cut anyway because the caller hears nothing until its first piece is synthesised
/// ("Hello," is ready in a third of the time of "Hello, thank you for calling.").
/// </remarks>
internal static class ClauseSplitter
{
    /// <summary>Sentences after the first that are longer than this are also cut at commas, semicolons and colons.</summary>
    public const int LongSentence = 80;

    /// <summary>No piece is longer than this many characters, unless it is one long word.</summary>
    public const int MaxPiece = 200;

    /// <summary>Splits <paramref name="text"/> into trimmed, non-empty pieces in speaking order.</summary>
    public static List<string> Split(string text)
    {
        var pieces = new List<string>();
        var sentences = SplitAfter(text, ".!?");
        for (var i = 0; i < sentences.Count; i++)
        {
            var clauses = i == 0 || sentences[i].Length > LongSentence ? SplitAfter(sentences[i], ",;:") : [sentences[i]];
            foreach (var clause in clauses) AddCapped(pieces, clause);
        }

        return pieces;
    }

    // Cuts after any of the marks when whitespace follows, which keeps numbers such as "3.5" whole.
    private static List<string> SplitAfter(string text, string marks)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var atBoundary = marks.Contains(text[i], StringComparison.Ordinal) && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]));
            if (atBoundary)
            {
                AddTrimmed(parts, text[start..(i + 1)]);
                start = i + 1;
            }
        }

        AddTrimmed(parts, text[start..]);
        return parts;
    }

    private static void AddCapped(List<string> pieces, string clause)
    {
        while (clause.Length > MaxPiece)
        {
            var cut = clause.LastIndexOf(' ', MaxPiece);
            if (cut <= 0) break;
            AddTrimmed(pieces, clause[..cut]);
            clause = clause[(cut + 1)..];
        }

        AddTrimmed(pieces, clause);
    }

    private static void AddTrimmed(List<string> parts, string part)
    {
        var trimmed = part.Trim();
        if (trimmed.Any(char.IsLetterOrDigit)) parts.Add(trimmed);
    }
}
