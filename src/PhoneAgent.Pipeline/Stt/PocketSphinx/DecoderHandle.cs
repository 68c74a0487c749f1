using System.Runtime.InteropServices;
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

    private readonly nint _config;
    private readonly nint[] _strings;

    private DecoderHandle(nint decoder, nint config, nint[] strings)
        : base(ownsHandle: true)
    {
        SetHandle(decoder);
        _config = config;
        _strings = strings;
    }

    /// <summary>Parses <paramref name="arguments"/> (name, value, name, value…) and loads a decoder with them.</summary>
    /// <exception cref="PocketSphinxException">The library is missing, an argument is rejected or the model does not load.</exception>
    public static unsafe DecoderHandle Create(IReadOnlyList<string> arguments)
    {
        var strings = new nint[arguments.Count];
        var config = nint.Zero;
        try
        {
            for (var i = 0; i < strings.Length; i++) strings[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            nint decoder;
            lock (Lifecycle)
            {
                // Parsing logs through the same stream.
                fixed (nint* argv = strings)
                {
                    config = PocketSphinxNative.ParseArguments(nint.Zero, PocketSphinxNative.Args(), strings.Length, argv, strict: 1);
                }

                if (config == nint.Zero) throw new PocketSphinxException("cmd_ln_parse_r", null, $"arguments rejected: {string.Join(' ', arguments)}");
                decoder = PocketSphinxNative.Init(config);
            }

            if (decoder == nint.Zero) throw new PocketSphinxException("ps_init", null, "the acoustic model, language model or dictionary did not load");
            return new DecoderHandle(decoder, config, strings);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            FreeAll(config, strings);
            throw new PocketSphinxException("ps_init", null, "libpocketsphinx.so.3/libsphinxbase.so.3 could not be loaded (install libpocketsphinx3)", ex);
        }
        catch
        {
            FreeAll(config, strings);
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        // ps_free drops the decoder's reference to the configuration; ours goes next, and only then may the
        // argument-name strings that its hash table points into be freed.
        lock (Lifecycle)
        {
            PocketSphinxNative.Free(handle);
            FreeAll(_config, _strings);
        }

        return true;
    }

    private static void FreeAll(nint config, nint[] strings)
    {
        if (config != nint.Zero) PocketSphinxNative.FreeConfig(config);
        foreach (var s in strings) Marshal.FreeCoTaskMem(s);
    }
}
