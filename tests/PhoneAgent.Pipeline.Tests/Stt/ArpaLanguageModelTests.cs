using System.Globalization;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Stt;
using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.Pipeline.Tests.Stt;

public sealed class ArpaLanguageModelTests
{
    private static readonly string[][] Sentences =
    [
        ["what", "time", "do", "you", "open"],
        ["when", "do", "you", "close"],
        ["open"],
    ];

    private static readonly Dictionary<string, double> Background = new()
    {
        ["</s>"] = 0.1, ["the"] = 0.05, ["you"] = 0.03, ["code"] = 0.001,
    };

    [Fact]
    public void Every_history_predicts_a_distribution_that_sums_to_one()
    {
        var model = ArpaLanguageModel.Estimate(Sentences, Background, 0.05);
        Assert.Equal(1, model.Unigrams.Values.Sum(), 9);
        foreach (var history in model.Unigrams.Keys.Where(w => w != "</s>").Append("<s>"))
        {
            Assert.Equal(1, model.Unigrams.Keys.Sum(w => model.Probability(history, w)), 9);
        }
    }

    [Fact]
    public void Seen_bigrams_outweigh_backed_off_ones_and_the_background_keeps_its_share()
    {
        var model = ArpaLanguageModel.Estimate(Sentences, Background, 0.05);

        // "do you" was seen twice: (2 - D) / 2.
        Assert.Equal(0.75, model.Probability("do", "you"), 9);
        Assert.True(model.Probability("do", "you") > model.Probability("do", "the"));
        Assert.True(model.Probability("<s>", "open") > model.Probability("<s>", "close"));

        // "code" is background only: its share of the 95 % left to the background.
        Assert.Equal(0.95 * 0.001 / Background.Values.Sum(), model.Unigrams["code"], 9);
    }

    [Fact]
    public void Writes_the_arpa_format_with_log10_probabilities_and_back_off_weights()
    {
        var model = ArpaLanguageModel.Estimate(Sentences, Background, 0.05);
        var writer = new StringWriter();
        model.Write(writer);
        var lines = writer.ToString().Split('\n');

        var unigrams = Section(lines, "\\1-grams:");
        var bigrams = Section(lines, "\\2-grams:");
        Assert.Equal("\\data\\", lines[0]);
        Assert.Equal($"ngram 1={unigrams.Count}", lines[1]);
        Assert.Equal($"ngram 2={bigrams.Count}", lines[2]);
        Assert.Equal("\\end\\", lines[^2]);
        Assert.Equal(["-99", "<s>"], unigrams[0].Split(' ')[..2]);
        var doYou = bigrams.Single(l => l.EndsWith(" do you", StringComparison.Ordinal)).Split(' ');
        Assert.Equal(Math.Log10(0.75), double.Parse(doYou[0], CultureInfo.InvariantCulture), 5);

        // A history's back-off weight sits on its unigram line; a word never followed by anything has none.
        var doLine = unigrams.Single(l => l.Split(' ')[1] == "do").Split(' ');
        Assert.Equal(3, doLine.Length);
        Assert.Equal(2, unigrams.Single(l => l.Split(' ')[1] == "code").Split(' ').Length);
    }

    [Fact]
    public void Needs_a_sentence_end_somewhere()
    {
        Assert.Throws<ArgumentException>(() => ArpaLanguageModel.Estimate([], new Dictionary<string, double> { ["the"] = 1 }, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ArpaLanguageModel.Estimate(Sentences, Background, 1));
    }

    [Fact]
    public void Pocketsphinx_loads_a_script_model_and_the_files_go_with_it()
    {
        var vocabulary = new SpeechVocabulary(["open*", "get there", "zzqx"], ["We are at 12 Market Street. What else?"]);
        string directory;
        using (var built = ScriptLanguageModel.Build(vocabulary, PocketSphinxOptions.Default.DictionaryPath))
        {
            directory = Path.GetDirectoryName(built.LanguageModelPath)!;
            var dictionary = File.ReadAllLines(built.DictionaryPath).Select(l => l.Split(' ')[0]).ToHashSet();
            Assert.Contains("opening", dictionary);
            Assert.Contains("market", dictionary);
            Assert.Contains("the", dictionary);
            Assert.DoesNotContain("zzqx", dictionary);
            Assert.DoesNotContain("12", dictionary);

            // "at 12 market": the unpronounceable number splits the sentence instead of joining "at market".
            var arpa = File.ReadAllText(built.LanguageModelPath);
            Assert.Contains(" at </s>\n", arpa);
            Assert.Contains(" <s> market\n", arpa);
            Assert.DoesNotContain(" at market\n", arpa);

            var options = PocketSphinxOptions.Default with { LanguageModelPath = built.LanguageModelPath, DictionaryPath = built.DictionaryPath };
            using var decoder = PocketSphinxDecoder.Load(options, InputBandwidth.Wideband);
            Assert.Equal(string.Empty, decoder.EndUtterance());
        }

        Assert.False(Directory.Exists(directory));
    }

    private static List<string> Section(string[] lines, string header) =>
        lines.SkipWhile(l => l != header).Skip(1).TakeWhile(l => l.Length > 0).ToList();
}
