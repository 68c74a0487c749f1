using System.Collections.Concurrent;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Offline recognition with CMU pocketsphinx (Debian's libpocketsphinx.so.3) and its en-us model. Each stream
/// takes a decoder from a pool, since loading the model costs far more than a call's setup should.
/// </summary>
/// <remarks>
/// <see cref="SpeechStreamOptions.Hints"/> are ignored: pocketsphinx can only add words whose phonetic spelling is
/// given, and biasing the trigram model towards in-vocabulary words would need a rebuilt language model.
/// Narrowband streams go through a <see cref="BandwidthExtender"/>, since the model is wideband.
/// </remarks>
public sealed class PocketSphinxSpeechToText : ISpeechToText, IDisposable
{
    private readonly PocketSphinxOptions _options;
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private int _disposed;

    /// <summary>Loads a first decoder, so a missing library or model fails here rather than on the first call.</summary>
    /// <exception cref="PocketSphinxException">The library is missing or the model does not load.</exception>
    public PocketSphinxSpeechToText(PocketSphinxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _idle.Add(PocketSphinxDecoder.Load(options));
    }

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
        var decoder = _idle.TryTake(out var idle) ? idle : PocketSphinxDecoder.Load(_options);
        return new PocketSphinxStream(this, decoder, options);
    }

    /// <summary>Frees the idle decoders; streams still open free theirs when disposed.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        while (_idle.TryTake(out var decoder)) decoder.Dispose();
    }

    /// <summary>Takes back a stream's decoder, closing any utterance it left open.</summary>
    internal void Return(PocketSphinxDecoder decoder)
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

        _idle.Add(decoder);
        if (Volatile.Read(ref _disposed) != 0 && _idle.TryTake(out var late)) late.Dispose();
    }
}
