using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Tts.Espeak;

/// <summary>The entry points of libespeak-ng (speak_lib.h, API revision 12) that synthesis needs.</summary>
internal static unsafe partial class EspeakNative
{
    private const string Library = "libespeak-ng.so.1";

    /// <summary><c>AUDIO_OUTPUT_SYNCHRONOUS</c>: <c>espeak_Synth</c> returns only after calling the synth callback for every buffer.</summary>
    public const int AudioOutputSynchronous = 2;

    /// <summary><c>espeakINITIALIZE_DONT_EXIT</c>: report missing data by the return value instead of calling exit().</summary>
    public const int InitializeDontExit = 0x8000;

    /// <summary><c>espeakCHARS_UTF8</c>.</summary>
    public const uint CharsUtf8 = 1;

    /// <summary><c>espeakENDPAUSE</c>: end the text with a sentence pause.</summary>
    public const uint EndPause = 0x1000;

    /// <summary><c>POS_CHARACTER</c> for the unused start position.</summary>
    public const int PositionCharacter = 1;

    /// <summary><c>EE_OK</c>.</summary>
    public const int Ok = 0;

    /// <summary><c>EE_NOT_FOUND</c>.</summary>
    public const int NotFound = 2;

    /// <summary>Loads the data and returns the output sample rate in Hz, or -1.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_Initialize")]
    public static partial int Initialize(int output, int bufferMilliseconds, byte* path, int options);

    /// <summary>Sets the process-wide callback that receives audio: (samples, count, events) → 0 to go on, 1 to abort.</summary>
    [LibraryImport(Library, EntryPoint = "espeak_SetSynthCallback")]
    public static partial void SetSynthCallback(delegate* unmanaged<short*, int, nint, int> callback);

    [LibraryImport(Library, EntryPoint = "espeak_SetVoiceByName", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetVoiceByName(string name);

    [LibraryImport(Library, EntryPoint = "espeak_Synth")]
    public static partial int Synth(byte* text, nuint size, uint position, int positionType, uint endPosition, uint flags, uint* uniqueIdentifier, nint userData);
}
