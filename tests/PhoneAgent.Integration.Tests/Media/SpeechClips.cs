using PhoneAgent.Testing;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>
/// The real speech clips in <c>shared/speech</c>, a sibling of the repository checkout here and in CI
/// (<see cref="Checkout.SpeechDirectory"/>).
/// </summary>
internal static class SpeechClips
{
    /// <summary>Reads a 16-bit mono PCM WAV clip by file name, with its sample rate.</summary>
    public static (int Rate, short[] Samples) Read(string name)
    {
        return WavFile.ReadMono(Path.Combine(Checkout.SpeechDirectory, name));
    }
}
