using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Integration.Tests.Media;

/// <summary>
/// The real speech clips in <c>shared/speech</c>, a sibling of the repository checkout here and in CI: found by
/// walking up from the test binaries to the directory holding PhoneAgent.sln.
/// </summary>
internal static class SpeechClips
{
    /// <summary>Reads a 16-bit mono PCM WAV clip by file name, with its sample rate.</summary>
    public static (int Rate, short[] Samples) Read(string name)
    {
        return WavFile.ReadMono(Path.Combine(Folder(), name));
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PhoneAgent.sln"))) return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "speech"));
        }

        throw new DirectoryNotFoundException($"No PhoneAgent.sln above {AppContext.BaseDirectory}, so no ../shared/speech");
    }
}
