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

    /// <summary>The best hypothesis so far; the string belongs to the decoder and is valid until its next call.</summary>
    [LibraryImport(PocketSphinx, EntryPoint = "ps_get_hyp")]
    internal static partial nint GetHypothesis(DecoderHandle decoder, out int bestScore);
}
