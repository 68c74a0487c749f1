using System.Collections.Concurrent;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Offline recognition with CMU pocketsphinx (Debian's libpocketsphinx.so.3) and its en-us model. Each stream
/// takes a decoder from a pool, since loading the model costs far more than a call's setup should.
/// </summary>
/// <remarks>
/// <para>
/// An engine created with a <see cref="SpeechVocabulary"/> searches a small model built from it instead of the
/// 130k-word trigram model (see <see cref="ScriptLanguageModel"/>); every decoder in one engine's pool shares one
/// model and searches it with <see cref="ScriptLanguageModel.SearchArguments"/> (configured decoder arguments still
/// win). <see cref="SpeechStreamOptions.Hints"/> are ignored: the vocabulary already holds the agent's keywords.
/// Narrowband streams take decoders whose front end re-estimates the mel filters above the telephone band
/// (<see cref="TelephoneFrontEnd"/>), since the model is wideband.
/// </para>
/// <para>
/// Idle decoders are pooled per <see cref="InputBandwidth"/>: a decoder's live cepstral mean carries over from one
/// stream to the next, and the 8 kHz path's mean differs from wideband speech's by up to 15 in single coefficients
/// (measured on the shared clips), so a G.711 call must not start from the mean an Opus call left behind, nor the
/// reverse.
/// </para>
/// </remarks>
public sealed class PocketSphinxSpeechToText : ISpeechToText, IDisposable
{
    private readonly PocketSphinxOptions _options;
    private readonly ScriptLanguageModel? _scriptModel;
    private readonly ConcurrentBag<PocketSphinxDecoder> _idleWideband = [];
    private readonly ConcurrentBag<PocketSphinxDecoder> _idleNarrowband = [];
    private int _disposed;

    /// <summary>The options every decoder of this engine is loaded with.</summary>
    internal PocketSphinxOptions Options => _options;

    /// <summary>Loads a first decoder, so a missing library or model fails here rather than on the first call.</summary>
    /// <exception cref="PocketSphinxException">The library is missing or the model does not load.</exception>
    public PocketSphinxSpeechToText(PocketSphinxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _idleWideband.Add(PocketSphinxDecoder.Load(options, InputBandwidth.Wideband));
    }

    /// <summary>
    /// Builds a language model and dictionary for <paramref name="vocabulary"/> from the pronunciations of
    /// <paramref name="options"/>' dictionary, and loads a first decoder with them and its acoustic model.
    /// </summary>
    /// <exception cref="PocketSphinxException">The library is missing or the model does not load.</exception>
    /// <exception cref="IOException">The dictionary cannot be read or the model's temporary files cannot be written.</exception>
    public PocketSphinxSpeechToText(PocketSphinxOptions options, SpeechVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vocabulary);
        _scriptModel = ScriptLanguageModel.Build(vocabulary, options.DictionaryPath);
        _options = _scriptModel.DecoderOptions(options);
        try
        {
            _idleWideband.Add(PocketSphinxDecoder.Load(_options, InputBandwidth.Wideband));
        }
        catch
        {
            _scriptModel.Dispose();
            throw;
        }
    }

    /// <summary>The number of words the decoders search: the script model's, or null for the full model.</summary>
    public int? VocabularySize => _scriptModel?.WordCount;

    /// <inheritdoc />
    public string Name => "pocketsphinx";

    /// <summary>How much the streams' decoding threads add to the process's nice value.</summary>
    internal int DecodeNice => _options.DecodeNice;

    /// <inheritdoc />
    /// <exception cref="PocketSphinxException">No decoder was idle and a new one did not load.</exception>
    public ISpeechToTextStream CreateStream(SpeechStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var decoder = Idle(options.Bandwidth).TryTake(out var idle) ? idle : PocketSphinxDecoder.Load(_options, options.Bandwidth);
        return new PocketSphinxStream(this, decoder, options);
    }

    /// <summary>Frees the idle decoders; streams still open free theirs when disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        while (_idleWideband.TryTake(out var decoder)) decoder.Dispose();
        while (_idleNarrowband.TryTake(out var decoder)) decoder.Dispose();

        // Decoders still in use have read their model already.
        _scriptModel?.Dispose();
    }

    /// <summary>Takes back a stream's decoder, closing any utterance it left open.</summary>
    internal void Return(PocketSphinxDecoder decoder, InputBandwidth bandwidth)
    {
        try
        {
            decoder.EndUtterance();
        }
        catch (PocketSphinxException)
        {
            decoder.Dispose();
            return;
        }

        var idle = Idle(bandwidth);
        idle.Add(decoder);
        if (Volatile.Read(ref _disposed) != 0 && idle.TryTake(out var late)) late.Dispose();
    }

    private ConcurrentBag<PocketSphinxDecoder> Idle(InputBandwidth bandwidth) =>
        bandwidth == InputBandwidth.Narrowband ? _idleNarrowband : _idleWideband;
}
