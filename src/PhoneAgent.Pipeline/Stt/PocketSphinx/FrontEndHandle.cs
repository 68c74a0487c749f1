using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Owns one sphinxbase front end (<c>fe_t</c>) together with its configuration and the native argument strings the
/// configuration's hash table points into, like <see cref="DecoderHandle"/> for a decoder.
/// </summary>
internal sealed class FrontEndHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly nint _config;
    private readonly nint[] _strings;

    private FrontEndHandle(nint frontEnd, nint config, nint[] strings)
        : base(ownsHandle: true)
    {
        SetHandle(frontEnd);
        _config = config;
        _strings = strings;
    }

    /// <summary>
    /// Parses <paramref name="arguments"/> (name, value, name, value…) against the front end's definitions and
    /// creates a front end with them. Names the front end does not define (a model's feat.params also holds the
    /// decoder's feature options) are ignored.
    /// </summary>
    /// <exception cref="PocketSphinxException">The library is missing, a value is rejected or the front end does not initialise.</exception>
    public static unsafe FrontEndHandle Create(IReadOnlyList<string> arguments)
    {
        var strings = new nint[arguments.Count];
        var config = nint.Zero;
        try
        {
            for (var i = 0; i < strings.Length; i++) strings[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            nint frontEnd;
            lock (DecoderHandle.Lifecycle)
            {
                fixed (nint* argv = strings)
                {
                    config = PocketSphinxNative.ParseArguments(nint.Zero, PocketSphinxNative.FrontEndArgs(), strings.Length, argv, strict: 0);
                }

                if (config == nint.Zero) throw new PocketSphinxException("cmd_ln_parse_r", null, $"front-end arguments rejected: {string.Join(' ', arguments)}");
                frontEnd = PocketSphinxNative.FrontEndInit(config);
            }

            if (frontEnd == nint.Zero) throw new PocketSphinxException("fe_init_auto_r", null, $"the front end did not initialise with {string.Join(' ', arguments)}");
            return new FrontEndHandle(frontEnd, config, strings);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            FreeAll(config, strings);
            throw new PocketSphinxException("fe_init_auto_r", null, "libsphinxbase.so.3 could not be loaded (install libpocketsphinx3)", ex);
        }
        catch
        {
            FreeAll(config, strings);
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        // fe_free drops the front end's reference to the configuration; ours goes next, then the strings.
        lock (DecoderHandle.Lifecycle)
        {
            PocketSphinxNative.FrontEndFree(handle);
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
