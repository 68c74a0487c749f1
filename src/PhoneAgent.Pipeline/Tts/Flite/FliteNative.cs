using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Tts.Flite;

/// <summary>
/// The few entry points of Debian's libflite (flite 2.2) that synthesis needs. Declared here, not taken from
/// flite1-dev, so that only the runtime package (libflite1) has to be installed.
/// </summary>
internal static unsafe partial class FliteNative
{
    private const string Library = "libflite.so.1";

    /// <summary>The layout of flite's <c>cst_wave</c> (include/cst_wave.h): type name, rate, sample count, channel count, samples.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct CstWave
    {
        public nint Type;
        public int SampleRate;
        public int NumSamples;
        public int NumChannels;
        public short* Samples;
    }

    [LibraryImport(Library, EntryPoint = "flite_init")]
    public static partial int Init();

    /// <summary>Synthesises a whole utterance; returns a wave the caller frees with <see cref="DeleteWave"/>, or null.</summary>
    [LibraryImport(Library, EntryPoint = "flite_text_to_wave", StringMarshalling = StringMarshalling.Utf8)]
    public static partial FliteWaveHandle TextToWave(string text, nint voice);

    [LibraryImport(Library, EntryPoint = "delete_wave")]
    public static partial void DeleteWave(nint wave);
}
