namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// A CMU-format pronunciation dictionary (<c>word PH ON ES</c>, alternates as <c>word(2) …</c>), read to learn which
/// words the acoustic model can say and to write the subset a small language model needs.
/// </summary>
internal sealed class PronunciationDictionary
{
    // Lines per word, in file order, so a written subset keeps the alternates' numbering.
    private readonly Dictionary<string, List<string>> _entries;
    private readonly string[] _sortedWords;

    private PronunciationDictionary(Dictionary<string, List<string>> entries)
    {
        _entries = entries;
        _sortedWords = entries.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Reads a dictionary file.</summary>
    public static PronunciationDictionary Load(string path)
    {
        var entries = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var end = line.IndexOfAny([' ', '\t']);
            if (end <= 0) continue;
            var head = line[..end];
            var alternate = head.IndexOf('(', StringComparison.Ordinal);
            var word = alternate > 0 ? head[..alternate] : head;
            if (!entries.TryGetValue(word, out var lines)) entries[word] = lines = [];
            lines.Add(line);
        }

        return new PronunciationDictionary(entries);
    }

    /// <summary>Whether the dictionary can pronounce <paramref name="word"/>.</summary>
    public bool Contains(string word) => _entries.ContainsKey(word);

    /// <summary>Up to <paramref name="limit"/> words that start with <paramref name="prefix"/>, shortest first.</summary>
    public IEnumerable<string> WithPrefix(string prefix, int limit)
    {
        var start = Array.BinarySearch(_sortedWords, prefix, StringComparer.Ordinal);
        if (start < 0) start = ~start;
        var matches = new List<string>();
        for (var i = start; i < _sortedWords.Length && _sortedWords[i].StartsWith(prefix, StringComparison.Ordinal); i++) matches.Add(_sortedWords[i]);
        return matches.OrderBy(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(limit);
    }

    /// <summary>Writes the entries of <paramref name="words"/> (with their alternates) in dictionary format.</summary>
    public void WriteSubset(IEnumerable<string> words, TextWriter writer)
    {
        foreach (var word in words.Order(StringComparer.Ordinal))
        {
            foreach (var line in _entries[word]) writer.Write($"{line}\n");
        }
    }
}
