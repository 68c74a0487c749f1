using System.Runtime.InteropServices;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// One loaded pocketsphinx decoder and its utterance state. Not thread-safe: the decoding workers run one stream's
/// commands on one thread at a time.
/// </summary>
internal sealed class PocketSphinxDecoder : IDisposable
{
    private readonly DecoderHandle _handle;
    private readonly TelephoneFrontEnd? _telephone;

    private PocketSphinxDecoder(DecoderHandle handle, TelephoneFrontEnd? telephone)
    {
        _handle = handle;
        _telephone = telephone;
    }

    /// <summary>Whether <c>ps_start_utt</c> has been called without a matching <c>ps_end_utt</c>.</summary>
    public bool InUtterance { get; private set; }

    /// <summary>
    /// Loads a decoder with the model files in <paramref name="options"/>; logging goes to /dev/null. A narrowband
    /// decoder computes its features with a <see cref="TelephoneFrontEnd"/> that re-estimates the filters above the
    /// telephone band; a wideband one hands pocketsphinx the audio untouched.
    /// </summary>
    /// <exception cref="PocketSphinxException">The library is missing or the model does not load.</exception>
    /// <exception cref="IOException">A narrowband decoder's model has no readable feat.params.</exception>
    public static PocketSphinxDecoder Load(PocketSphinxOptions options, InputBandwidth bandwidth)
    {
        List<string> arguments =
        [
            "-hmm", options.AcousticModelPath,
            "-lm", options.LanguageModelPath,
            "-dict", options.DictionaryPath,
            "-logfn", "/dev/null",

            // One pass only: the flat-lexicon re-search (fwdflat) and the lattice best path both run over the whole
            // utterance when it ends, which put 100-900 ms between the end of the caller's turn and the transcript
            // (bench/conversation). Word error rate on the shared clips: 41.0 -> 39.2 % at 16 kHz, 53.0 -> 57.8 %
            // through G.711 (PocketSphinxAccuracyTests).
            "-fwdflat", "no",
            "-bestpath", "no",

            // At most 5000 HMMs a frame (pocketsphinx's default 30000): above it the search narrows its beams frame
            // by frame. With the full model, CPU per second of audio 0.238 -> 0.183 at 16 kHz and 0.275 -> 0.198
            // through G.711, word errors 65 -> 64 and 78 -> 74 of 166. 4000 saved more (0.152, 0.171), but then the
            // full model reached a wrong intent on 2 out-of-domain clips to the script model's 4, more of a gap than
            // ScriptVocabularyTests allows; 3000 cost two words at each rate. The script model's search stays below
            // the limit (bench/PhoneAgent.SphinxBench; docs/PERFORMANCE.md, "pocketsphinx's CPU per second of speech").
            "-maxhmmpf", "5000",
        ];
        Override(arguments, options.ArgumentOverrides);
        var handle = DecoderHandle.Create(arguments);
        if (bandwidth == InputBandwidth.Wideband) return new PocketSphinxDecoder(handle, null);
        try
        {
            return new PocketSphinxDecoder(handle, TelephoneFrontEnd.Create(options.AcousticModelPath, LogSpectrumExtension.Default));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    // sphinxbase's strict parse rejects a name given twice, so an override replaces the value in place.
    private static void Override(List<string> arguments, IReadOnlyList<string> overrides)
    {
        for (var i = 0; i + 1 < overrides.Count; i += 2)
        {
            var at = arguments.IndexOf(overrides[i]);
            if (at >= 0 && at % 2 == 0)
            {
                arguments[at + 1] = overrides[i + 1];
            }
            else
            {
                arguments.Add(overrides[i]);
                arguments.Add(overrides[i + 1]);
            }
        }
    }

    /// <summary>Feeds samples, starting an utterance first if none is open.</summary>
    /// <exception cref="PocketSphinxException">pocketsphinx returned an error.</exception>
    public unsafe void Process(ReadOnlySpan<short> pcm)
    {
        if (!InUtterance)
        {
            Check("ps_start_utt", PocketSphinxNative.StartUtterance(_handle));
            _telephone?.StartUtterance();
            InUtterance = true;
        }

        if (_telephone is null)
        {
            fixed (short* data = pcm)
            {
                Check("ps_process_raw", PocketSphinxNative.ProcessRaw(_handle, data, (nuint)pcm.Length, noSearch: 0, fullUtterance: 0));
            }

            return;
        }

        while (!pcm.IsEmpty)
        {
            var frames = _telephone.Convert(ref pcm);
            var rows = _telephone.CepstrumRows;
            for (var f = 0; f < frames; f++) ProcessCepstrum(rows + f);
        }
    }

    // One frame a call: pocketsphinx's acmod_process_cep splits a block that wraps around its small circular feature
    // buffer into two feat_s2mfc2feat_live calls, and on an utterance's first block both are told the utterance
    // begins, which pads it twice and trips the search's frame-index assertion. A single frame never wraps.
    private unsafe void ProcessCepstrum(float** row) =>
        Check("ps_process_cep", PocketSphinxNative.ProcessCepstra(_handle, row, 1, noSearch: 0, fullUtterance: 0));

    /// <summary>The best hypothesis of the open utterance so far, or empty.</summary>
    public string Hypothesis() => InUtterance ? ReadHypothesis() : string.Empty;

    /// <summary>Closes the open utterance and returns its final hypothesis (empty when nothing was open or recognised).</summary>
    /// <exception cref="PocketSphinxException">pocketsphinx returned an error.</exception>
    public unsafe string EndUtterance()
    {
        if (!InUtterance) return string.Empty;
        InUtterance = false;
        if (_telephone?.EndUtterance() is > 0) ProcessCepstrum(_telephone.CepstrumRows);

        Check("ps_end_utt", PocketSphinxNative.EndUtterance(_handle));
        return ReadHypothesis();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _handle.Dispose();
        _telephone?.Dispose();
    }

    private string ReadHypothesis()
    {
        var text = PocketSphinxNative.GetHypothesis(_handle, out _);
        return text == nint.Zero ? string.Empty : Marshal.PtrToStringUTF8(text) ?? string.Empty;
    }

    private static void Check(string function, int result)
    {
        if (result < 0) throw new PocketSphinxException(function, result, "decoding failed");
    }
}
