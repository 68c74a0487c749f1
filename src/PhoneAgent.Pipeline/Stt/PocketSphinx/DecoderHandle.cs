using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Owns one <c>ps_decoder_t</c> together with the configuration and the native argument strings it points into.
/// The SafeHandle reference count keeps all three alive while a call is inside pocketsphinx.
/// </summary>
internal sealed class DecoderHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // sphinxbase keeps one process-wide log stream: every ps_init with -logfn fclose()s the previous one and fopen()s
    // its own (err_set_logfile), and ps_free may close it. Two calls loading decoders at once closed the same FILE
    // twice and deadlocked glibc's stream list (bench/conversation, four calls answered together: every thread of
    // the host stuck in _IO_link_in/_IO_un_link). Loading and freeing decoders (and front ends, which parse and log
    // the same way) therefore take turns.
    internal static readonly Lock Lifecycle = new();

    private readonly SphinxConfiguration _config;

    private DecoderHandle(nint decoder, SphinxConfiguration config)
        : base(ownsHandle: true)
    {
        SetHandle(decoder);
        _config = config;
    }

    /// <summary>Parses <paramref name="arguments"/> (name, value, name, value…) and loads a decoder with them.</summary>
    /// <exception cref="PocketSphinxException">The library is missing, an argument is rejected or the model does not load.</exception>
    public static DecoderHandle Create(IReadOnlyList<string> arguments)
    {
        SphinxConfiguration? config = null;
        try
        {
            nint decoder;
            lock (Lifecycle)
            {
                config = Parse(arguments);
                decoder = PocketSphinxNative.Init(config.Pointer);
            }

            if (decoder == nint.Zero) throw new PocketSphinxException("ps_init", null, "the acoustic model, language model or dictionary did not load");
            return new DecoderHandle(decoder, config);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            config?.Free();
            throw LibraryMissing("ps_init", ex);
        }
        catch
        {
            config?.Free();
            throw;
        }
    }

    /// <summary>
    /// Parses <paramref name="arguments"/> as <see cref="Create"/> does, without loading a decoder: a name pocketsphinx
    /// does not define or a value of the wrong type is refused before any call needs a decoder.
    /// </summary>
    /// <exception cref="PocketSphinxException">An argument is rejected, or the library is missing.</exception>
    public static void Validate(IReadOnlyList<string> arguments)
    {
        try
        {
            lock (Lifecycle) Parse(arguments).Free();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw LibraryMissing("cmd_ln_parse_r", ex);
        }
    }

    protected override bool ReleaseHandle()
    {
        // ps_free drops the decoder's reference to the configuration; ours goes next, and only then may the
        // argument-name strings that its hash table points into be freed.
        lock (Lifecycle)
        {
            PocketSphinxNative.Free(handle);
            _config.Free();
        }

        return true;
    }

    private static SphinxConfiguration Parse(IReadOnlyList<string> arguments) =>
        SphinxConfiguration.Parse(arguments, PocketSphinxNative.Args(), strict: true, "arguments rejected");

    private static PocketSphinxException LibraryMissing(string function, Exception inner) =>
        new(function, null, "libpocketsphinx.so.3/libsphinxbase.so.3 could not be loaded (install libpocketsphinx3)", inner);
}
