using System.Runtime.CompilerServices;

namespace PhoneAgent.Pipeline.Tts.Flite;

/// <summary>
/// Speaks with CMU Flite (Debian's libflite1). Text is cut into clauses (<see cref="ClauseSplitter"/>) and each
/// clause is synthesised on the thread pool and yielded as soon as it is ready, so the first audio arrives after
/// the first clause. Every voice's output is brought to 16 kHz (kal is 8 kHz; the others already are), and the
/// near-silence flite puts before each clause is cut (<see cref="LeadingSilence"/>).
/// </summary>
/// <remarks>
/// flite cannot be interrupted inside a clause, so cancellation takes effect when the current clause finishes:
/// a few tens of milliseconds for a typical clause. Calls from all instances share one lock (see
/// <see cref="NativeSynthesisGate"/>), taken per clause so concurrent calls interleave.
/// </remarks>
public sealed class FliteTextToSpeech : ITextToSpeech
{
    /// <summary>The engine name used in logs and exceptions.</summary>
    public const string EngineName = "flite";

    /// <summary>The voice used when none is configured.</summary>
    public const string DefaultVoice = "slt";

    private readonly nint _voice;

    /// <summary>Loads and registers <paramref name="voice"/> (slt, kal, kal16, rms or awb).</summary>
    /// <exception cref="ArgumentException">The voice is unknown.</exception>
    /// <exception cref="TextToSpeechException">libflite or the voice library is missing.</exception>
    public FliteTextToSpeech(string voice = DefaultVoice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        _voice = FliteLibrary.GetVoice(voice);
        Voice = voice;
    }

    /// <summary>The voices Debian's libflite1 ships.</summary>
    public static IReadOnlyList<string> Voices => FliteLibrary.KnownVoices;

    /// <summary>The voice this instance speaks with.</summary>
    public string Voice { get; }

    /// <inheritdoc />
    public string Name => EngineName;

    /// <inheritdoc />
    public IAsyncEnumerable<short[]> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SynthesizeClausesAsync(ClauseSplitter.Split(text), cancellationToken);
    }

    private async IAsyncEnumerable<short[]> SynthesizeClausesAsync(List<string> clauses, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var clause in clauses)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await SynthesizeClauseAsync(clause, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<short[]> SynthesizeClauseAsync(string clause, CancellationToken cancellationToken)
    {
        await NativeSynthesisGate.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // flite_text_to_wave runs for tens of milliseconds of CPU; keep it off the caller's thread.
            var (samples, rate) = await Task.Run(() => FliteLibrary.SynthesizeHoldingGate(clause, _voice), CancellationToken.None).ConfigureAwait(false);
            return LeadingSilence.Trim(TtsAudio.ResampleWhole(samples, rate));
        }
        finally
        {
            NativeSynthesisGate.Gate.Release();
        }
    }
}
