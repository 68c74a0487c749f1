namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>Where the pocketsphinx model lives.</summary>
/// <param name="ModelDirectory">
/// A directory laid out like Debian's pocketsphinx-en-us package: the acoustic model in <c>en-us/</c>, the language
/// model <c>en-us.lm.bin</c> and the dictionary <c>cmudict-en-us.dict</c>.
/// </param>
public sealed record PocketSphinxOptions(string ModelDirectory)
{
    /// <summary>Debian's en-us model directory.</summary>
    public const string DefaultModelDirectory = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The embedded default: Debian's en-us model.</summary>
    public static PocketSphinxOptions Default { get; } = new(DefaultModelDirectory);

    /// <summary>How far below the process's priority the decoding threads run by default: below the media clock, above idle.</summary>
    public const int DefaultDecodeNice = 10;

    /// <summary>
    /// How much the decoding threads (one per core, shared by all streams) add to the process's Linux nice value
    /// (0 = the process's own priority; the sum stops at 19). At +10 a busy decoder gets about a tenth of a core's
    /// share against a thread at 0, so the media clock threads preempt it when they wake, while decoding still has
    /// the rest of the machine when the clock sleeps.
    /// </summary>
    public int DecodeNice { get; init; } = DefaultDecodeNice;

    /// <summary>The acoustic model directory (<c>-hmm</c>).</summary>
    public string AcousticModelPath => Path.Combine(ModelDirectory, "en-us");

    /// <summary>The language model (<c>-lm</c>): the directory's binary trigram model unless replaced.</summary>
    public string LanguageModelPath { get; init; } = Path.Combine(ModelDirectory, "en-us.lm.bin");

    /// <summary>The pronunciation dictionary (<c>-dict</c>): the directory's full dictionary unless replaced.</summary>
    public string DictionaryPath { get; init; } = Path.Combine(ModelDirectory, "cmudict-en-us.dict");

    /// <summary>
    /// Decoder arguments (name, value, name, value…) that replace or add to the ones <see cref="PocketSphinxDecoder"/>
    /// chooses, a later pair replacing an earlier one of the same name: a script model's search settings, then
    /// <c>Stt:DecoderArguments</c>; bench/PhoneAgent.SphinxBench measures candidate settings with them.
    /// </summary>
    internal IReadOnlyList<string> ArgumentOverrides { get; init; } = [];
}
