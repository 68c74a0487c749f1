using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// The slice of Debian's pocketsphinx 5prealpha (libpocketsphinx.so.3) and sphinxbase (libsphinxbase.so.3) the
/// decoder needs. Configuration goes through <c>cmd_ln_parse_r</c> rather than the variadic <c>cmd_ln_init</c>,
/// which source-generated interop cannot call.
/// </summary>
internal static partial class PocketSphinxNative
{
    private const string PocketSphinx = "libpocketsphinx.so.3";
    private const string SphinxBase = "libsphinxbase.so.3";

    /// <summary>The decoder's argument definitions (<c>const arg_t *ps_args(void)</c>), a static table.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_args")]
    internal static partial nint Args();

    /// <summary>
    /// Parses name/value pairs into a new configuration. The hash table keeps the argument-name pointers
    /// (it does not copy keys), so the caller keeps <paramref name="argv"/>'s strings alive until the
    /// configuration is freed.
    /// </summary>
    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_parse_r")]
    internal static unsafe partial nint ParseArguments(nint inoutConfig, nint definitions, int argc, nint* argv, int strict);

    /// <summary>Drops one reference to a configuration (the decoder holds its own).</summary>
    [LibraryImport(SphinxBase, EntryPoint = "cmd_ln_free_r")]
    internal static partial void FreeConfig(nint config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_init")]
    internal static partial nint Init(nint config);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_free")]
    internal static partial int Free(nint decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_start_utt")]
    internal static partial int StartUtterance(DecoderHandle decoder);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_process_raw")]
    internal static unsafe partial int ProcessRaw(DecoderHandle decoder, short* data, nuint samples, int noSearch, int fullUtterance);

    [LibraryImport(PocketSphinx, EntryPoint = "ps_end_utt")]
    internal static partial int EndUtterance(DecoderHandle decoder);

    /// <summary>
    /// Feeds cepstral frames (<c>mfcc_t **</c>, float in Debian's build), bypassing the decoder's own front end;
    /// the decoder still applies its cepstral mean normalisation and computes the deltas itself.
    /// </summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_process_cep")]
    internal static unsafe partial int ProcessCepstra(DecoderHandle decoder, float** frames, int count, int noSearch, int fullUtterance);

    /// <summary>The front end's argument definitions (<c>const arg_t *fe_get_args(void)</c>), a static table.</summary>
    [LibraryImport(SphinxBase, EntryPoint = "fe_get_args")]
    internal static partial nint FrontEndArgs();

    /// <summary>Creates a front end from a configuration, which it retains.</summary>
    [LibraryImport(SphinxBase, EntryPoint = "fe_init_auto_r")]
    internal static partial nint FrontEndInit(nint config);

    [LibraryImport(SphinxBase, EntryPoint = "fe_free")]
    internal static partial int FrontEndFree(nint frontEnd);

    [LibraryImport(SphinxBase, EntryPoint = "fe_get_output_size")]
    internal static partial int FrontEndOutputSize(FrontEndHandle frontEnd);

    [LibraryImport(SphinxBase, EntryPoint = "fe_start_utt")]
    internal static partial int FrontEndStartUtterance(FrontEndHandle frontEnd);

    /// <summary>
    /// Turns samples into up to <paramref name="frames"/> output frames; on return the sample pointer and count say
    /// what it did not consume (it keeps a window's overlap internally) and <paramref name="frames"/> how many it wrote.
    /// With <c>-remove_silence</c> the frames are only those its voice activity detector passes.
    /// </summary>
    [LibraryImport(SphinxBase, EntryPoint = "fe_process_frames")]
    internal static unsafe partial int FrontEndProcessFrames(FrontEndHandle frontEnd, short** samples, nuint* count, float** output, int* frames, int* firstFrameIndex);

    /// <summary>Flushes the last partial window: writes at most one frame into <paramref name="output"/>.</summary>
    [LibraryImport(SphinxBase, EntryPoint = "fe_end_utt")]
    internal static unsafe partial int FrontEndEndUtterance(FrontEndHandle frontEnd, float* output, int* frames);

    /// <summary>The best hypothesis so far; the string belongs to the decoder and is valid until its next call.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_hyp")]
    internal static partial nint GetHypothesis(DecoderHandle decoder, out int bestScore);
}
