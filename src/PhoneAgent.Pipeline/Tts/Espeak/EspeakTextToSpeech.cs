using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace PhoneAgent.Pipeline.Tts.Espeak;

/// <summary>
/// Speaks with eSpeak NG (libespeak-ng1). Synthesis runs on the thread pool in eSpeak's synchronous mode, and each
/// 50 ms buffer it produces is resampled from 22.05 kHz and yielded at once, so the first audio arrives after the
/// first buffer. Cancelling aborts at the next buffer.
/// </summary>
/// <remarks>eSpeak NG is one process-wide synthesiser: calls from all instances are serialised (see <see cref="NativeSynthesisGate"/>).</remarks>
public sealed class EspeakTextToSpeech : ITextToSpeech
{
    /// <summary>The engine name used in logs and exceptions.</summary>
    public const string EngineName = "espeak-ng";

    /// <summary>The voice used when none is configured.</summary>
    public const string DefaultVoice = "en-us";

    private readonly int _sampleRate;

    /// <summary>Initialises eSpeak NG if needed and checks that <paramref name="voice"/> exists.</summary>
    /// <exception cref="ArgumentException">eSpeak NG has no such voice.</exception>
    /// <exception cref="TextToSpeechException">The library or its data is missing.</exception>
    public EspeakTextToSpeech(string voice = DefaultVoice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voice);
        NativeSynthesisGate.Gate.Wait();
        try
        {
            _sampleRate = EspeakLibrary.EnsureInitializedHoldingGate();
            if (!EspeakLibrary.TrySetVoiceHoldingGate(voice)) throw new ArgumentException($"eSpeak NG has no voice '{voice}'", nameof(voice));
        }
        finally
        {
            NativeSynthesisGate.Gate.Release();
        }

        Voice = voice;
    }

    /// <summary>The voice this instance speaks with.</summary>
    public string Voice { get; }

    /// <inheritdoc />
    public string Name => EngineName;

    /// <inheritdoc />
    public IAsyncEnumerable<short[]> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return StreamAsync(text, cancellationToken);
    }

    private async IAsyncEnumerable<short[]> StreamAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        var chunks = Channel.CreateUnbounded<short[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = ProduceAsync(text, chunks.Writer, stop.Token);
        try
        {
            // eSpeak runs far ahead of real time, so audio is usually queued already when the caller cancels; the
            // token is checked before each chunk rather than only while waiting. An abort also ends the stream
            // normally, so it is checked once more at the end: the caller must learn the speech was cut short.
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return chunk;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (await producer.ConfigureAwait(false) is { } failure) ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            // The reader may leave early (cancelled, or stopped enumerating): abort eSpeak and wait, so the gate
            // is released and no callback still refers to this call when the method returns.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }
    }

    // Never throws: the channel just ends, and the error, if any, is the result.
    private async Task<Exception?> ProduceAsync(string text, ChannelWriter<short[]> output, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await NativeSynthesisGate.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                failure = await Task.Run(() => Synthesize(text, output, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                NativeSynthesisGate.Gate.Release();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }

        output.TryComplete();
        return failure;
    }

    private Exception? Synthesize(string text, ChannelWriter<short[]> output, CancellationToken cancellationToken)
    {
        // Another instance may have selected a different voice since this one last spoke.
        if (!EspeakLibrary.TrySetVoiceHoldingGate(Voice)) return new TextToSpeechException(EngineName, $"voice '{Voice}' disappeared");
        var synthesis = new EspeakSynthesis(_sampleRate, output, cancellationToken);
        EspeakLibrary.SynthesizeHoldingGate(text, synthesis);
        if (synthesis.Failure is { } failure) return new TextToSpeechException(EngineName, "synthesis failed in the audio callback", innerException: failure);
        synthesis.Finish();
        return null;
    }
}
