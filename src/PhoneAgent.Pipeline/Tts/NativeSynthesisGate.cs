using System.Runtime.InteropServices;

namespace PhoneAgent.Pipeline.Tts;

/// <summary>
/// The one lock held around every call into flite and eSpeak NG, shared by both.
/// </summary>
/// <remarks>
/// Each library keeps process-wide state (see <c>FliteLibrary</c> and <c>EspeakLibrary</c>), and both draw the
/// noise of unvoiced sounds from the C library's single <c>rand()</c> sequence (both import it). Holding one lock
/// and reseeding before each utterance makes flite reproducible: the same text gives the same samples whether
/// calls run one by one or concurrently (without it, every concurrent slt synthesis differed). eSpeak NG also
/// carries state from one utterance into the next, so its repeats still differ slightly (by up to a few tens of
/// milliseconds in length). A deployment uses one engine, so sharing the lock costs nothing in practice.
/// </remarks>
internal static partial class NativeSynthesisGate
{
    // Any fixed value will do; it only has to be the same for every utterance.
    private const uint NoiseSeed = 1;

    /// <summary>The lock.</summary>
    public static SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>Restarts the C library's random sequence; call with the gate held, just before synthesising.</summary>
    public static void ReseedNoise() => SeedRandom(NoiseSeed);

    [LibraryImport("libc.so.6", EntryPoint = "srand")]
    private static partial void SeedRandom(uint seed);
}
