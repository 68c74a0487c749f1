using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>
/// A parsed sphinxbase configuration (<c>cmd_ln_t</c>) and the native argument strings it points into: its hash table
/// keeps the argument-name pointers without copying them, so the strings live exactly as long as our reference to
/// the configuration. Shared by <see cref="DecoderHandle"/> and <see cref="FrontEndHandle"/>, each of which frees it
/// after the native object that retains it.
/// </summary>
internal sealed class SphinxConfiguration
{
    private readonly nint[] _strings;

    private SphinxConfiguration(nint pointer, nint[] strings)
    {
        Pointer = pointer;
        _strings = strings;
    }

    /// <summary>The <c>cmd_ln_t *</c>.</summary>
    public nint Pointer { get; }

    /// <summary>
    /// Parses <paramref name="arguments"/> against <paramref name="definitions"/>. Call it under <see cref="DecoderHandle.Lifecycle"/>: parsing logs through sphinxbase's
    /// process-wide log stream.
    /// </summary>
    /// <param name="arguments">Name, value, name, value…</param>
    /// <param name="definitions">The <c>arg_t</c> table the names are looked up in.</param>
    /// <param name="strict">Whether a name the table does not define is an error (otherwise it is ignored).</param>
    /// <param name="rejected">What the exception says before the arguments when sphinxbase refuses them.</param>
    /// <exception cref="PocketSphinxException">sphinxbase rejected the arguments.</exception>
    public static unsafe SphinxConfiguration Parse(IReadOnlyList<string> arguments, nint definitions, bool strict, string rejected)
    {
        var strings = new nint[arguments.Count];
        try
        {
            for (var i = 0; i < strings.Length; i++) strings[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
            nint config;
            fixed (nint* argv = strings)
            {
                config = PocketSphinxNative.ParseArguments(nint.Zero, definitions, strings.Length, argv, strict ? 1 : 0);
            }

            if (config == nint.Zero) throw new PocketSphinxException("cmd_ln_parse_r", null, $"{rejected}: {string.Join(' ', arguments)}");
            return new SphinxConfiguration(config, strings);
        }
        catch
        {
            FreeStrings(strings);
            throw;
        }
    }

    /// <summary>Drops our reference to the configuration, then frees the strings; only after the object that retained it is freed.</summary>
    public void Free()
    {
        PocketSphinxNative.FreeConfig(Pointer);
        FreeStrings(_strings);
    }

    private static void FreeStrings(nint[] strings)
    {
        // Zero for the strings not yet allocated when an allocation failed, which FreeCoTaskMem ignores.
        foreach (var s in strings) Marshal.FreeCoTaskMem(s);
    }
}
