using PhoneAgent.Testing;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>The recorded clips in ../shared/speech (beside the repository checkout) and their transcripts.</summary>
internal static class SpeechClips
{
    /// <summary>Every clip named in transcripts.tsv with its transcript, in file order.</summary>
    public static IReadOnlyList<(string File, string Transcript)> All() =>
        File.ReadAllLines(Path.Combine(Checkout.SpeechDirectory, "transcripts.tsv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();

    /// <summary>Reads a 16-bit mono PCM WAV file.</summary>
    public static (short[] Samples, int SampleRate) Read(string file)
    {
        var (rate, samples) = WavFile.ReadMono(Path.Combine(Checkout.SpeechDirectory, file));
        return (samples, rate);
    }
}
