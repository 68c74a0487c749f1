using System.Text;

namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>
/// Scores a transcript against an intent. Recognisers emit lower-case words with little punctuation and frequent
/// substitutions, so matching is word by word on a normalised transcript and an intent needs only one hit.
/// </summary>
internal static class IntentMatcher
{
    /// <summary>Lower-cases and keeps letters, digits and apostrophes, so "What's the time?" becomes "what's the time".</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var keep = char.IsLetterOrDigit(c) || c == '\'';
            if (keep) builder.Append(char.ToLowerInvariant(c));
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>The canonical form of a keyword or phrase, or null if it has no words or a misplaced '*'.</summary>
    public static string? NormaliseKeyword(string keyword)
    {
        var trimmed = keyword.Trim();
        var prefix = trimmed.EndsWith('*');
        var stem = prefix ? trimmed[..^1] : trimmed;
        var body = Normalise(stem);
        if (body.Length == 0 || stem.Contains('*') || (prefix && char.IsWhiteSpace(stem[^1]))) return null;
        return prefix ? body + "*" : body;
    }

    /// <summary>How many of the intent's keywords and patterns occur in the normalised transcript.</summary>
    public static int Score(ScriptIntent intent, string normalised, string[] words)
    {
        var score = 0;
        foreach (var keyword in intent.Keywords)
        {
            if (ContainsPhrase(words, keyword.Split(' '))) score++;
        }

        foreach (var pattern in intent.Patterns)
        {
            if (pattern.IsMatch(normalised)) score++;
        }

        return score;
    }

    private static bool ContainsPhrase(string[] words, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= words.Length; start++)
        {
            var all = true;
            for (var i = 0; i < phrase.Length && all; i++) all = WordMatches(words[start + i], phrase[i]);
            if (all) return true;
        }

        return false;
    }

    private static bool WordMatches(string word, string keyword) => keyword.EndsWith('*')
        ? word.StartsWith(keyword.AsSpan(0, keyword.Length - 1), StringComparison.Ordinal)
        : word == keyword;
}
