using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Tts.Flite;

/// <summary>
/// Process-wide flite state: initialisation, the registered voices, and the one lock every call into flite takes.
/// </summary>
/// <remarks>
/// flite documents no thread safety (festvox/flite#109 asks and is unanswered) and its own header calls voice
/// and language registration unsafe once synthesis runs. Each <c>register_cmu_us_*</c> returns one static voice,
/// so per-thread voices are impossible, and the clustergen voices (slt, rms, awb) take excitation noise from
/// libc's <c>rand()</c>, so concurrent output differed from sequential output in every trial. So all flite calls
/// are serialised under <see cref="NativeSynthesisGate"/>; with a real-time factor of a few percent one core still
/// speaks for many calls, and callers synthesise clause by clause so no call holds the lock for long.
/// </remarks>
internal static unsafe class FliteLibrary
{
    private static readonly ConcurrentDictionary<string, nint> Voices = new(StringComparer.Ordinal);
    private static bool s_initialised;

    /// <summary>The voices Debian's libflite1 ships for US English.</summary>
    public static IReadOnlyList<string> KnownVoices { get; } = ["slt", "kal", "kal16", "rms", "awb"];

    /// <summary>Returns the registered voice named <paramref name="name"/>, loading its library on first use.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="KnownVoices"/>.</exception>
    /// <exception cref="TextToSpeechException">The voice library is missing or its registration failed.</exception>
    public static nint GetVoice(string name)
    {
        if (!KnownVoices.Contains(name)) throw new ArgumentException($"'{name}' is not a flite voice ({string.Join(", ", KnownVoices)})", nameof(name));
        if (Voices.TryGetValue(name, out var cached)) return cached;
        NativeSynthesisGate.Gate.Wait();
        try
        {
            if (!s_initialised)
            {
                Initialize();
                s_initialised = true;
            }

            if (Voices.TryGetValue(name, out cached)) return cached;
            var voice = Register(name);
            Voices[name] = voice;
            return voice;
        }
        finally
        {
            NativeSynthesisGate.Gate.Release();
        }
    }

    /// <summary>Synthesises <paramref name="text"/> with the gate held by the caller; returns the wave at the voice's rate.</summary>
    /// <exception cref="TextToSpeechException">flite returned no wave.</exception>
    public static (short[] Samples, int SampleRate) SynthesizeHoldingGate(string text, nint voice)
    {
        NativeSynthesisGate.ReseedNoise();
        using var wave = FliteNative.TextToWave(text, voice);
        if (wave.IsInvalid) throw new TextToSpeechException(FliteTextToSpeech.EngineName, $"flite produced no audio for \"{text}\"");
        return wave.Read();
    }

    private static void Initialize()
    {
        try
        {
            FliteNative.Init();
        }
        catch (DllNotFoundException e)
        {
            throw new TextToSpeechException(FliteTextToSpeech.EngineName, "libflite.so.1 could not be loaded; install libflite1", innerException: e);
        }
    }

    private static nint Register(string name)
    {
        var library = $"libflite_cmu_us_{name}.so.1";
        if (!NativeLibrary.TryLoad(library, typeof(FliteLibrary).Assembly, null, out var handle))
        {
            throw new TextToSpeechException(FliteTextToSpeech.EngineName, $"{library} could not be loaded; install libflite1");
        }

        // The voice libraries export nothing but their register/unregister pair, so the entry point is found by
        // name; its argument is an optional voice directory, unused by compiled-in voices.
        var register = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(handle, $"register_cmu_us_{name}");
        var voice = register(nint.Zero);
        if (voice == nint.Zero) throw new TextToSpeechException(FliteTextToSpeech.EngineName, $"register_cmu_us_{name} returned no voice");
        return voice;
    }
}
