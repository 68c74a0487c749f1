using System.Runtime.InteropServices;
using System.Text;

namespace PhoneAgent.Pipeline.Tts.Espeak;

/// <summary>
/// Process-wide eSpeak NG state. The library keeps its voice, parameters, buffers and synth callback in globals
/// (espeak-ng#495; sherpa-onnx#489 had to lock around it), so every call holds <see cref="NativeSynthesisGate"/>,
/// and the callback finds the synthesis in progress through <see cref="s_current"/>, which only the holder sets.
/// </summary>
internal static unsafe class EspeakLibrary
{
    // Callback buffers of 50 ms: small enough that the first audio leaves quickly and an abort lands quickly.
    private const int BufferMilliseconds = 50;

    private static EspeakSynthesis? s_current;
    private static int s_sampleRate;

    /// <summary>Initialises the library once, with the gate held by the caller; returns its output rate.</summary>
    /// <exception cref="TextToSpeechException">The library or its data could not be loaded.</exception>
    public static int EnsureInitializedHoldingGate()
    {
        if (s_sampleRate > 0) return s_sampleRate;
        int rate;
        try
        {
            rate = EspeakNative.Initialize(EspeakNative.AudioOutputSynchronous, BufferMilliseconds, null, EspeakNative.InitializeDontExit);
        }
        catch (DllNotFoundException e)
        {
            throw new TextToSpeechException(EspeakTextToSpeech.EngineName, "libespeak-ng.so.1 could not be loaded; install libespeak-ng1", innerException: e);
        }

        if (rate <= 0) throw new TextToSpeechException(EspeakTextToSpeech.EngineName, "espeak_Initialize failed; is espeak-ng-data installed?");
        EspeakNative.SetSynthCallback(&OnSynth);
        s_sampleRate = rate;
        return rate;
    }

    /// <summary>Selects <paramref name="voice"/>, with the gate held; false when eSpeak NG has no such voice.</summary>
    /// <exception cref="TextToSpeechException">eSpeak NG failed otherwise.</exception>
    public static bool TrySetVoiceHoldingGate(string voice)
    {
        var result = EspeakNative.SetVoiceByName(voice);
        if (result == EspeakNative.NotFound) return false;
        if (result != EspeakNative.Ok) throw new TextToSpeechException(EspeakTextToSpeech.EngineName, $"espeak_SetVoiceByName(\"{voice}\") returned {result}");
        return true;
    }

    /// <summary>Speaks <paramref name="text"/> into <paramref name="synthesis"/>, with the gate held; returns when done or aborted.</summary>
    /// <exception cref="TextToSpeechException">espeak_Synth reported an error.</exception>
    public static void SynthesizeHoldingGate(string text, EspeakSynthesis synthesis)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        s_current = synthesis;
        NativeSynthesisGate.ReseedNoise();
        try
        {
            int result;
            fixed (byte* pointer = bytes)
            {
                result = EspeakNative.Synth(pointer, (nuint)bytes.Length, 0, EspeakNative.PositionCharacter, 0, EspeakNative.CharsUtf8 | EspeakNative.EndPause, null, nint.Zero);
            }

            if (result != EspeakNative.Ok) throw new TextToSpeechException(EspeakTextToSpeech.EngineName, $"espeak_Synth returned {result}");
        }
        finally
        {
            s_current = null;
        }
    }

    // Runs on the thread inside espeak_Synth. Any exception is handed to the synthesis and turned into an abort,
    // because unwinding through eSpeak's C frames would corrupt the process.
    [UnmanagedCallersOnly]
    private static int OnSynth(short* samples, int count, nint events)
    {
        var synthesis = s_current;
        if (synthesis is null) return 1;
        try
        {
            return synthesis.Accept(count > 0 && samples != null ? new ReadOnlySpan<short>(samples, count) : default) ? 0 : 1;
        }
        catch (Exception e)
        {
            synthesis.Fail(e);
            return 1;
        }
    }
}
