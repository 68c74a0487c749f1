using System.Globalization;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// The narrowband path's front end: sphinxbase's own (the decoder's options from the model's feat.params, its voice
/// activity detector and noise removal) asked for the log mel spectrum instead of cepstra, so the filters above the
/// telephone band can be re-estimated (<see cref="LogSpectrumExtension"/>) before the DCT the decoder's front end
/// would have applied. The result goes to the decoder through <c>ps_process_cep</c>.
/// </summary>
/// <remarks>
/// sphinxbase applies the lifter to whatever its front end outputs, log spectra included, so this front end runs
/// with <c>-lifter 0</c> and applies the model's lifter after its own DCT; without an extension its cepstra equal
/// the decoder's own front end's to float rounding (TelephoneFrontEndTests). One instance serves one decoder; it
/// allocates nothing per call.
/// </remarks>
internal sealed unsafe class TelephoneFrontEnd : IDisposable
{
    // Frames per fe_process_frames call: 100 ms of audio is 10, and the voice activity detector releases its
    // pre-speech buffer (20 frames by default) at once when speech starts.
    private const int MaxFrames = 64;

    private readonly FrontEndHandle _handle;
    private readonly LogSpectrumExtension? _extension;
    private readonly int _filters;
    private readonly int _cepstra;
    private readonly float[] _cosine;
    private readonly float[] _lifter;
    private readonly float[] _spectrumBuffer;
    private readonly nint[] _spectrumRows;
    private readonly float[] _cepstrumBuffer;
    private readonly nint[] _cepstrumRows;

    private TelephoneFrontEnd(FrontEndHandle handle, int filters, int cepstra, int lifter, LogSpectrumExtension? extension)
    {
        _handle = handle;
        _filters = filters;
        _cepstra = cepstra;
        _extension = extension;

        // sphinxbase's fe_compute_melcosine and fe_dct2 (-transform dct): a unitary DCT-II; its lifter weights are
        // 1 + (L/2)·sin(πi/L) with L/2 in integer arithmetic.
        _cosine = new float[cepstra * filters];
        for (var i = 0; i < cepstra; i++)
        {
            var scale = i == 0 ? Math.Sqrt(1.0 / filters) : Math.Sqrt(2.0 / filters);
            for (var j = 0; j < filters; j++) _cosine[(i * filters) + j] = (float)(Math.Cos(Math.PI / filters * i * (j + 0.5)) * scale);
        }

        _lifter = new float[cepstra];
        for (var i = 0; i < cepstra; i++) _lifter[i] = lifter == 0 ? 1f : (float)(1 + (lifter / 2 * Math.Sin(i * Math.PI / lifter)));

        // Pinned: sphinxbase and pocketsphinx take arrays of row pointers.
        _spectrumBuffer = GC.AllocateArray<float>(MaxFrames * filters, pinned: true);
        _spectrumRows = GC.AllocateArray<nint>(MaxFrames, pinned: true);
        _cepstrumBuffer = GC.AllocateArray<float>(MaxFrames * cepstra, pinned: true);
        _cepstrumRows = GC.AllocateArray<nint>(MaxFrames, pinned: true);
        fixed (float* spectra = _spectrumBuffer)
        fixed (float* cepstraBase = _cepstrumBuffer)
        {
            for (var f = 0; f < MaxFrames; f++)
            {
                _spectrumRows[f] = (nint)(spectra + (f * filters));
                _cepstrumRows[f] = (nint)(cepstraBase + (f * cepstra));
            }
        }
    }

    /// <summary>The number of mel filters (<c>-nfilt</c>).</summary>
    public int Filters => _filters;

    /// <summary>The number of cepstral coefficients per frame (<c>-ncep</c>).</summary>
    public int Cepstra => _cepstra;

    /// <summary>The cepstra of the frames the last <see cref="Convert"/> produced, as the row pointers <c>ps_process_cep</c> takes.</summary>
    public float** CepstrumRows
    {
        get
        {
            fixed (nint* rows = _cepstrumRows) return (float**)rows;
        }
    }

    /// <summary>Creates the front end for the acoustic model in <paramref name="acousticModelPath"/>.</summary>
    /// <param name="acousticModelPath">The model directory; its feat.params gives the front end's options.</param>
    /// <param name="extension">The upper-filter estimate, or null to pass the log spectrum through unchanged.</param>
    /// <param name="removeSilence">Whether the voice activity detector drops non-speech frames, as the decoder's does.</param>
    /// <exception cref="PocketSphinxException">The library is missing, the options are rejected or the model's DCT is not <c>dct</c>.</exception>
    /// <exception cref="IOException">feat.params cannot be read.</exception>
    public static TelephoneFrontEnd Create(string acousticModelPath, LogSpectrumExtension? extension, bool removeSilence = true)
    {
        var featureOptions = ReadFeatureParameters(Path.Combine(acousticModelPath, "feat.params"));
        if (!featureOptions.TryGetValue("-transform", out var transform) || transform != "dct")
        {
            throw new PocketSphinxException("fe_init_auto_r", null, $"the model's feat.params asks for -transform {transform ?? "legacy"}; the narrowband front end implements dct only");
        }

        var filters = int.Parse(featureOptions.GetValueOrDefault("-nfilt", "40"), CultureInfo.InvariantCulture);
        var cepstra = int.Parse(featureOptions.GetValueOrDefault("-ncep", "13"), CultureInfo.InvariantCulture);
        var lifter = int.Parse(featureOptions.GetValueOrDefault("-lifter", "0"), CultureInfo.InvariantCulture);
        if (extension is not null && extension.Filters != filters)
        {
            throw new PocketSphinxException("fe_init_auto_r", null, $"the band extension was calibrated for {extension.Filters} mel filters but the model has {filters}");
        }

        var arguments = new List<string>();
        foreach (var (name, value) in featureOptions)
        {
            if (name != "-lifter") arguments.AddRange([name, value]);
        }

        arguments.AddRange(["-logspec", "yes", "-lifter", "0", "-remove_silence", removeSilence ? "yes" : "no"]);
        var handle = FrontEndHandle.Create(arguments);
        var output = PocketSphinxNative.FrontEndOutputSize(handle);
        if (output != filters)
        {
            handle.Dispose();
            throw new PocketSphinxException("fe_get_output_size", output, $"the log-spectrum front end gives {output} values per frame, not the model's {filters} filters");
        }

        return new TelephoneFrontEnd(handle, filters, cepstra, lifter, extension);
    }

    /// <summary>Starts an utterance: clears the window overlap and the voice activity state, as <c>ps_start_utt</c> does for the decoder's own front end.</summary>
    public void StartUtterance() => PocketSphinxNative.FrontEndStartUtterance(_handle);

    /// <summary>
    /// Consumes samples from <paramref name="pcm"/> until they run out or the frame buffer is full, and returns how
    /// many frames it produced (their cepstra are in <see cref="CepstrumRows"/>, their log spectra in
    /// <see cref="LogSpectrum"/>). The caller loops while samples remain.
    /// </summary>
    public int Convert(ref ReadOnlySpan<short> pcm)
    {
        int frames = MaxFrames;
        int firstFrame;
        nuint remaining = (nuint)pcm.Length;
        fixed (short* start = pcm)
        fixed (nint* rows = _spectrumRows)
        {
            var cursor = start;
            var result = PocketSphinxNative.FrontEndProcessFrames(_handle, &cursor, &remaining, (float**)rows, &frames, &firstFrame);
            if (result < 0) throw new PocketSphinxException("fe_process_frames", result, "the front end rejected the audio");
            pcm = pcm[(int)(cursor - start)..];
        }

        Finish(frames);
        return frames;
    }

    /// <summary>
    /// Converts a whole clip as one utterance (without the end-of-utterance flush) and returns a copy of every frame's
    /// log spectrum and cepstrum: for calibrating the extension and checking the front end, not for the live path.
    /// </summary>
    public List<(float[] LogSpectrum, float[] Cepstrum)> ConvertClip(ReadOnlySpan<short> pcm)
    {
        var frames = new List<(float[] LogSpectrum, float[] Cepstrum)>();
        StartUtterance();
        while (!pcm.IsEmpty)
        {
            var produced = Convert(ref pcm);
            for (var f = 0; f < produced; f++) frames.Add((LogSpectrum(f).ToArray(), Cepstrum(f).ToArray()));
        }

        return frames;
    }

    /// <summary>Ends the utterance: returns 1 when the window the audio ended in made a last speech frame, else 0.</summary>
    public int EndUtterance()
    {
        int frames;
        fixed (float* row = _spectrumBuffer)
        {
            var result = PocketSphinxNative.FrontEndEndUtterance(_handle, row, &frames);
            if (result < 0) throw new PocketSphinxException("fe_end_utt", result, "the front end failed to flush");
        }

        Finish(frames);
        return frames;
    }

    /// <summary>One produced frame's cepstrum, liftered as the decoder receives it.</summary>
    public ReadOnlySpan<float> Cepstrum(int frame) => _cepstrumBuffer.AsSpan(frame * _cepstra, _cepstra);

    /// <summary>One produced frame's log mel spectrum, after the extension.</summary>
    public ReadOnlySpan<float> LogSpectrum(int frame) => _spectrumBuffer.AsSpan(frame * _filters, _filters);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private void Finish(int frames)
    {
        for (var f = 0; f < frames; f++)
        {
            var spectrum = _spectrumBuffer.AsSpan(f * _filters, _filters);
            _extension?.Apply(spectrum);
            var cepstrum = _cepstrumBuffer.AsSpan(f * _cepstra, _cepstra);
            for (var i = 0; i < _cepstra; i++)
            {
                var basis = _cosine.AsSpan(i * _filters, _filters);
                var sum = 0f;
                for (var j = 0; j < _filters; j++) sum += spectrum[j] * basis[j];
                cepstrum[i] = sum * _lifter[i];
            }
        }
    }

    // feat.params holds "-name value" pairs, one or more a line.
    private static Dictionary<string, string> ReadFeatureParameters(string path)
    {
        var tokens = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < tokens.Length; i += 2) options[tokens[i]] = tokens[i + 1];
        return options;
    }
}
