using Microsoft.Win32.SafeHandles;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// Owns one sphinxbase front end (<c>fe_t</c>) together with its configuration and the native argument strings the
/// configuration's hash table points into, like <see cref="DecoderHandle"/> for a decoder.
/// </summary>
internal sealed class FrontEndHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly SphinxConfiguration _config;

    private FrontEndHandle(nint frontEnd, SphinxConfiguration config)
        : base(ownsHandle: true)
    {
        SetHandle(frontEnd);
        _config = config;
    }

    /// <summary>
    /// Parses <paramref name="arguments"/> (name, value, name, value…) against the front end's definitions and
    /// creates a front end with them. Names the front end does not define (a model's feat.params also holds the
    /// decoder's feature options) are ignored.
    /// </summary>
    /// <exception cref="PocketSphinxException">The library is missing, a value is rejected or the front end does not initialise.</exception>
    public static FrontEndHandle Create(IReadOnlyList<string> arguments)
    {
        SphinxConfiguration? config = null;
        try
        {
            nint frontEnd;
            lock (DecoderHandle.Lifecycle)
            {
                config = SphinxConfiguration.Parse(arguments, PocketSphinxNative.FrontEndArgs(), strict: false, "front-end arguments rejected");
                frontEnd = PocketSphinxNative.FrontEndInit(config.Pointer);
            }

            if (frontEnd == nint.Zero) throw new PocketSphinxException("fe_init_auto_r", null, $"the front end did not initialise with {string.Join(' ', arguments)}");
            return new FrontEndHandle(frontEnd, config);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            config?.Free();
            throw new PocketSphinxException("fe_init_auto_r", null, "libsphinxbase.so.3 could not be loaded (install libpocketsphinx3)", ex);
        }
        catch
        {
            config?.Free();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        // fe_free drops the front end's reference to the configuration; ours goes next, then the strings.
        lock (DecoderHandle.Lifecycle)
        {
            PocketSphinxNative.FrontEndFree(handle);
            _config.Free();
        }

        return true;
    }
}
