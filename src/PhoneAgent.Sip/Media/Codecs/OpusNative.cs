using System.Runtime.InteropServices;

namespace PhoneAgent.Sip.Media.Codecs;

/// <summary>The libopus entry points we call (opus.h, libopus 1.3).</summary>
/// <remarks>
/// <para>
/// We bind the versioned soname because the runtime package (Debian libopus0) ships only libopus.so.0; the
/// unversioned libopus.so comes with libopus-dev, which a production machine does not need.
/// </para>
/// <para>
/// opus_encoder_ctl is variadic and .NET cannot call variadic functions, so each request shape gets its own
/// fixed-argument import. That is sound on the ABIs we run on: the x86-64 System V ABI (§3.5.7) and Linux
/// AAPCS64 pass a variadic int or pointer in the same register as a named argument of that type, and the
/// only extra convention on x86-64 (the count of vector registers in %al) matters only to callees that read
/// floating-point varargs, which the ctl functions never do. Apple's arm64 ABI puts varargs on the stack and
/// would break this; it is not a platform we ship on.
/// </para>
/// </remarks>
internal static unsafe partial class OpusNative
{
    public const string Library = "libopus.so.0";

    /// <summary>OPUS_APPLICATION_VOIP: tuned for speech intelligibility, with the speech-oriented SILK layer preferred.</summary>
    public const int ApplicationVoip = 2048;

    // CTL request numbers from opus_defines.h; each Set takes an opus_int32, each Get an opus_int32 pointer.
    public const int SetBitrateRequest = 4002;
    public const int GetBitrateRequest = 4003;
    public const int SetComplexityRequest = 4010;
    public const int GetComplexityRequest = 4011;
    public const int SetInbandFecRequest = 4012;
    public const int GetInbandFecRequest = 4013;
    public const int SetPacketLossPercentRequest = 4014;
    public const int GetPacketLossPercentRequest = 4015;
    public const int GetLookaheadRequest = 4027;

    [LibraryImport(Library, EntryPoint = "opus_encoder_create")]
    public static partial OpusEncoderHandle EncoderCreate(int sampleRate, int channels, int application, out int error);

    [LibraryImport(Library, EntryPoint = "opus_encoder_destroy")]
    public static partial void EncoderDestroy(IntPtr encoder);

    [LibraryImport(Library, EntryPoint = "opus_encode")]
    public static partial int Encode(OpusEncoderHandle encoder, short* pcm, int frameSize, byte* data, int maxDataBytes);

    [LibraryImport(Library, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderCtlSet(OpusEncoderHandle encoder, int request, int value);

    [LibraryImport(Library, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderCtlGet(OpusEncoderHandle encoder, int request, out int value);

    [LibraryImport(Library, EntryPoint = "opus_decoder_create")]
    public static partial OpusDecoderHandle DecoderCreate(int sampleRate, int channels, out int error);

    [LibraryImport(Library, EntryPoint = "opus_decoder_destroy")]
    public static partial void DecoderDestroy(IntPtr decoder);

    [LibraryImport(Library, EntryPoint = "opus_decode")]
    public static partial int Decode(OpusDecoderHandle decoder, byte* data, int length, short* pcm, int frameSize, int decodeFec);

    [LibraryImport(Library, EntryPoint = "opus_decoder_get_nb_samples")]
    public static partial int DecoderGetSampleCount(OpusDecoderHandle decoder, byte* packet, int length);
}
