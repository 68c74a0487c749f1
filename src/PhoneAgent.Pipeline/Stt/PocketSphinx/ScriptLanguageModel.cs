namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// The language model and dictionary files for a <see cref="SpeechVocabulary"/>, written to a private temporary
/// directory that lives as long as this object (decoders load them lazily, one per concurrent call).
/// </summary>
/// <remarks>
/// The vocabulary is the agent's keywords (a trailing <c>*</c> expanded to at most <see cref="PrefixExpansion"/>
/// dictionary words) and the words of its phrases (callers echo the bot's prompts), as the sentences of a bigram
/// model whose unigrams are mixed with <see cref="CommonWords"/>, so that speech outside the script is heard as
/// everyday words rather than forced onto a keyword. Words the dictionary cannot pronounce are left out.
/// </remarks>
internal sealed class ScriptLanguageModel : IDisposable
{
    /// <summary>How many dictionary words a <c>book*</c> keyword stands for, shortest first.</summary>
    public const int PrefixExpansion = 12;

    /// <summary>λ, the script's share of the unigram mass; the common words have the rest.</summary>
    /// <remarks>
    /// Measured on the default script (ScriptVocabularyTests): from 0.02 to 0.3 the scripted questions reach the
    /// same replies (47 of 48), while recorded speech about other things reaches a wrong intent in 3 of 17 clips at
    /// 0.02-0.05 against 6 at 0.1-0.5 (the full model: 2): the keywords need little help from the prior.
    /// </remarks>
    public const double ScriptWeight = 0.05;

    /// <summary>
    /// Search settings for decoders of a script model, given before any configured overrides: the top 2 Gaussians a
    /// codebook instead of 4, and beams of 1e-40 (HMM and phone; 1e-24 for word exits) instead of pocketsphinx's
    /// 1e-48 and 7e-29.
    /// </summary>
    /// <remarks>
    /// A few hundred words with a bigram leave few paths close to the best one, so the narrower search finds the same
    /// words for far less work; over the 130k-word trigram model it does not (bench/PhoneAgent.SphinxBench, ten decoders
    /// taking turns as ten calls' threads do: CPU per second of audio 0.087 -> 0.055 on the script's 48 questions
    /// through G.711, still 48 intended replies and 4 of 17 out-of-domain clips on a wrong intent; the same settings on
    /// the full model cost 64 -> 84 word errors at 16 kHz and 76 -> 91 through G.711 of PocketSphinxAccuracyTests'
    /// 166). One Gaussian a codebook put a fifth out-of-domain clip on a wrong intent; every other frame (<c>-ds 2</c>)
    /// lost intended replies. docs/PERFORMANCE.md, "pocketsphinx's CPU per second of speech".
    /// </remarks>
    public static IReadOnlyList<string> SearchArguments { get; } = ["-topn", "2", "-beam", "1e-40", "-pbeam", "1e-40", "-wbeam", "1e-24"];

    private readonly string _directory;

    private ScriptLanguageModel(string directory, int words)
    {
        _directory = directory;
        WordCount = words;
    }

    /// <summary>The <c>-lm</c> file (ARPA text).</summary>
    public string LanguageModelPath => Path.Combine(_directory, "script.lm");

    /// <summary>The <c>-dict</c> file: the dictionary's entries for the model's words.</summary>
    public string DictionaryPath => Path.Combine(_directory, "script.dict");

    /// <summary>The number of words in the model.</summary>
    public int WordCount { get; }

    /// <summary>
    /// What a decoder of this model loads: <paramref name="options"/>' acoustic model, this model's files, and
    /// <see cref="SearchArguments"/> ahead of <paramref name="options"/>' own overrides, which so still win.
    /// </summary>
    public PocketSphinxOptions DecoderOptions(PocketSphinxOptions options) => options with
    {
        LanguageModelPath = LanguageModelPath,
        DictionaryPath = DictionaryPath,
        ArgumentOverrides = [.. SearchArguments, .. options.ArgumentOverrides],
    };

    /// <summary>Builds the files for <paramref name="vocabulary"/> from the pronunciations in <paramref name="dictionaryPath"/>.</summary>
    /// <exception cref="IOException">The dictionary cannot be read or the temporary files cannot be written.</exception>
    public static ScriptLanguageModel Build(SpeechVocabulary vocabulary, string dictionaryPath)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var dictionary = PronunciationDictionary.Load(dictionaryPath);
        var sentences = new List<IReadOnlyList<string>>();
        foreach (var keyword in vocabulary.Keywords)
        {
            var trimmed = keyword.Trim();
            if (trimmed.EndsWith('*') && Words(trimmed) is [var stem])
            {
                foreach (var word in dictionary.WithPrefix(stem, PrefixExpansion)) sentences.Add([word]);
                continue;
            }

            sentences.AddRange(Pronounceable(trimmed, dictionary));
        }

        foreach (var phrase in vocabulary.Phrases)
        {
            // Sentence by sentence, so that a reply's "...Saturday. What else..." is not a bigram callers say.
            foreach (var sentence in phrase.Split(['.', '?', '!', ';', ':'], StringSplitOptions.RemoveEmptyEntries)) sentences.AddRange(Pronounceable(sentence, dictionary));
        }

        var background = CommonWords.Frequencies.Where(w => w.Key == ArpaLanguageModel.SentenceEnd || dictionary.Contains(w.Key)).ToDictionary();
        var model = ArpaLanguageModel.Estimate(sentences, background, ScriptWeight);
        var directory = Directory.CreateTempSubdirectory("phoneagent-script-lm-").FullName;
        try
        {
            var built = new ScriptLanguageModel(directory, model.Unigrams.Count - 1);
            using (var lm = new StreamWriter(built.LanguageModelPath)) model.Write(lm);
            using (var dict = new StreamWriter(built.DictionaryPath))
            {
                dictionary.WriteSubset(model.Unigrams.Keys.Where(w => w != ArpaLanguageModel.SentenceEnd), dict);
            }

            return built;
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    /// <summary>Deletes the files; decoders already loaded keep working.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    // Words the dictionary lacks (numbers written as digits, names) split the sentence: the bigram across the gap
    // would be one nobody says.
    private static IEnumerable<string[]> Pronounceable(string text, PronunciationDictionary dictionary)
    {
        var run = new List<string>();
        foreach (var word in Words(text))
        {
            if (dictionary.Contains(word))
            {
                run.Add(word);
                continue;
            }

            if (run.Count > 0) yield return run.ToArray();
            run.Clear();
        }

        if (run.Count > 0) yield return run.ToArray();
    }

    // The dictionary's spelling: lower case, letters, digits and apostrophes ("What's" -> "what's").
    private static string[] Words(string text)
    {
        var letters = text.Select(c => char.IsLetterOrDigit(c) || c == '\'' ? char.ToLowerInvariant(c) : ' ').ToArray();
        return new string(letters).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
