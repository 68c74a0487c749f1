using System.Globalization;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// A bigram language model estimated from a handful of sentences and written in the ARPA text format that
/// pocketsphinx's <c>-lm</c> reads. Small enough to build at startup from an agent's script, with no LM toolkit.
/// </summary>
/// <remarks>
/// Unigrams interpolate the sentences' maximum-likelihood word counts (<c>&lt;/s&gt;</c> included) with a background
/// distribution over general words: <c>P(w) = λ·P_sentences(w) + (1 − λ)·P_background(w)</c>, the usual way to adapt
/// a model to a domain while still giving other speech somewhere to go. Bigrams use absolute discounting (Ney, Essen
/// and Kneser 1994): each seen bigram gives up <see cref="Discount"/> of a count, and the back-off weight of its
/// history spreads that mass over the unigrams of the words it was never followed by, so every history's
/// distribution sums to one.
/// </remarks>
internal sealed class ArpaLanguageModel
{
    /// <summary>The count each seen bigram gives to the unseen ones (0 &lt; D &lt; 1).</summary>
    public const double Discount = 0.5;

    public const string SentenceStart = "<s>";
    public const string SentenceEnd = "</s>";

    // ARPA's stand-in for log10(0): <s> is never predicted, only conditioned on.
    private const double LogZero = -99;

    private readonly SortedDictionary<string, double> _unigrams;
    private readonly SortedDictionary<string, SortedDictionary<string, double>> _bigrams;
    private readonly Dictionary<string, double> _backoffs;

    private ArpaLanguageModel(SortedDictionary<string, double> unigrams, SortedDictionary<string, SortedDictionary<string, double>> bigrams, Dictionary<string, double> backoffs)
    {
        _unigrams = unigrams;
        _bigrams = bigrams;
        _backoffs = backoffs;
    }

    /// <summary>The unigram probability of each word, <c>&lt;/s&gt;</c> included and <c>&lt;s&gt;</c> (never predicted) left out.</summary>
    public IReadOnlyDictionary<string, double> Unigrams => _unigrams;

    /// <summary>Estimates the model.</summary>
    /// <param name="sentences">Word sequences, each counted between <c>&lt;s&gt;</c> and <c>&lt;/s&gt;</c>.</param>
    /// <param name="background">Relative frequencies of general words (need not sum to one; they are normalised).</param>
    /// <param name="sentenceWeight">λ, the unigram mass of the sentences' words (0 &lt; λ &lt; 1).</param>
    public static ArpaLanguageModel Estimate(IEnumerable<IReadOnlyList<string>> sentences, IReadOnlyDictionary<string, double> background, double sentenceWeight)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(background);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sentenceWeight, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sentenceWeight, 1);
        var unigramCounts = new Dictionary<string, double>(StringComparer.Ordinal);
        var bigramCounts = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            if (sentence.Count == 0) continue;
            var previous = SentenceStart;
            foreach (var word in sentence.Append(SentenceEnd))
            {
                Add(unigramCounts, word);
                if (!bigramCounts.TryGetValue(previous, out var followers)) bigramCounts[previous] = followers = new(StringComparer.Ordinal);
                Add(followers, word);
                previous = word;
            }
        }

        var sentenceTotal = unigramCounts.Values.Sum();
        var backgroundTotal = background.Where(b => b.Key != SentenceStart).Sum(b => b.Value);
        var unigrams = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (word, count) in unigramCounts) unigrams[word] = sentenceWeight * count / sentenceTotal;
        foreach (var (word, frequency) in background)
        {
            if (word == SentenceStart) continue;
            unigrams[word] = unigrams.GetValueOrDefault(word) + ((1 - sentenceWeight) * frequency / backgroundTotal);
        }

        if (!unigrams.ContainsKey(SentenceEnd)) throw new ArgumentException($"neither the sentences nor the background have {SentenceEnd}", nameof(background));

        // With no sentences or no background, the other side's share is all there is.
        var mass = unigrams.Values.Sum();
        foreach (var word in unigrams.Keys.ToArray()) unigrams[word] /= mass;

        var bigrams = new SortedDictionary<string, SortedDictionary<string, double>>(StringComparer.Ordinal);
        var backoffs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (history, followers) in bigramCounts)
        {
            var historyCount = followers.Values.Sum();
            var seen = new SortedDictionary<string, double>(StringComparer.Ordinal);
            var seenUnigramMass = 0.0;
            foreach (var (word, count) in followers)
            {
                seen[word] = (count - Discount) / historyCount;
                seenUnigramMass += unigrams[word];
            }

            bigrams[history] = seen;
            var freed = Discount * followers.Count / historyCount;

            // A history followed by every word has no unseen word to give the freed mass to.
            backoffs[history] = seenUnigramMass < 1 ? freed / (1 - seenUnigramMass) : 0;
        }

        return new ArpaLanguageModel(unigrams, bigrams, backoffs);
    }

    /// <summary>P(<paramref name="word"/> | <paramref name="history"/>) as the back-off model defines it.</summary>
    public double Probability(string history, string word)
    {
        if (_bigrams.TryGetValue(history, out var seen) && seen.TryGetValue(word, out var p)) return p;
        var weight = _backoffs.TryGetValue(history, out var w) ? w : 1;
        return weight * _unigrams.GetValueOrDefault(word);
    }

    /// <summary>Writes the model in the ARPA format (probabilities and back-off weights as log10).</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var bigramCount = _bigrams.Values.Sum(b => b.Count);
        writer.Write("\\data\\\n");
        writer.Write($"ngram 1={_unigrams.Count + 1}\n");
        writer.Write($"ngram 2={bigramCount}\n\n");
        writer.Write("\\1-grams:\n");
        writer.Write($"{Format(LogZero)} {SentenceStart} {Format(Log(_backoffs.GetValueOrDefault(SentenceStart, 1)))}\n");
        foreach (var (word, p) in _unigrams)
        {
            var line = $"{Format(Math.Log10(p))} {word}";
            writer.Write(_backoffs.TryGetValue(word, out var weight) ? $"{line} {Format(Log(weight))}\n" : $"{line}\n");
        }

        writer.Write("\n\\2-grams:\n");
        foreach (var (history, followers) in _bigrams)
        {
            foreach (var (word, p) in followers) writer.Write($"{Format(Math.Log10(p))} {history} {word}\n");
        }

        writer.Write("\n\\end\\\n");
    }

    private static void Add(Dictionary<string, double> counts, string word) => counts[word] = counts.GetValueOrDefault(word) + 1;

    private static double Log(double weight) => weight > 0 ? Math.Log10(weight) : LogZero;

    private static string Format(double log10) => log10.ToString("0.######", CultureInfo.InvariantCulture);
}
