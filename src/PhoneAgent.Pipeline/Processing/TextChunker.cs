using System.Text;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Splits streamed agent text into sentences, and long sentences into clauses, so that the first one can be
/// synthesised while the agent is still writing the rest. A boundary is only known once the character after the
/// punctuation has arrived ("3.5" and "e.g." must not split), so the last piece waits for more text or
/// <see cref="Flush"/>. Not thread-safe; one per turn.
/// </summary>
public sealed class TextChunker
{
    // Words whose trailing period does not end a sentence.
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "prof", "no", "vs", "etc", "e.g", "i.e", "approx", "jr", "sr",
    };

    private readonly StringBuilder _pending = new();
    private readonly int _minClauseLength;

    /// <summary>Creates a chunker that splits at a comma, semicolon or colon once a piece has <paramref name="minClauseLength"/> characters.</summary>
    public TextChunker(int minClauseLength = 40)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minClauseLength);
        _minClauseLength = minClauseLength;
    }

    /// <summary>Adds streamed text and returns the chunks it completed, in order (often none).</summary>
    public IReadOnlyList<string> Append(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _pending.Append(text);
        var chunks = new List<string>();
        var start = 0;
        for (var i = 0; i + 1 < _pending.Length; i++)
        {
            if (!char.IsWhiteSpace(_pending[i + 1]) && _pending[i] != '\n') continue;
            if (!IsBoundary(start, i)) continue;
            var chunk = _pending.ToString(start, i + 1 - start).Trim();
            if (chunk.Length > 0) chunks.Add(chunk);
            start = i + 1;
        }

        _pending.Remove(0, start);
        return chunks;
    }

    /// <summary>Returns whatever is left (the reply ended), or null if nothing is.</summary>
    public string? Flush()
    {
        var rest = _pending.ToString().Trim();
        _pending.Clear();
        return rest.Length > 0 ? rest : null;
    }

    /// <summary>Forgets pending text (the turn was interrupted).</summary>
    public void Reset() => _pending.Clear();

    private bool IsBoundary(int start, int i)
    {
        var c = _pending[i];
        switch (c)
        {
            case '\n':
                return true;
            case '!' or '?' or '…':
                return true;
            case '.':
                return !IsAbbreviation(start, i);
            case ',' or ';' or ':':
                return i + 1 - start >= _minClauseLength;
            default:
                return false;
        }
    }

    private bool IsAbbreviation(int start, int dot)
    {
        var wordStart = dot;
        while (wordStart > start && !char.IsWhiteSpace(_pending[wordStart - 1])) wordStart--;
        var word = _pending.ToString(wordStart, dot - wordStart);
        return word.Length == 1 && char.IsLetter(word[0]) || Abbreviations.Contains(word);
    }
}
