using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Testing.Speech;

namespace PhoneAgent.Pipeline.Tests.Stt;

/// <summary>The recorded clips in ../shared/speech (beside the repository checkout) and their transcripts.</summary>
internal static class SpeechClips
{
    public static string Directory { get; } = Locate();

    /// <summary>Every clip named in transcripts.tsv with its transcript, in file order.</summary>
    public static IReadOnlyList<(string File, string Transcript)> All() =>
        File.ReadAllLines(Path.Combine(Directory, "transcripts.tsv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();

    /// <summary>Reads a 16-bit mono PCM WAV file.</summary>
    public static (short[] Samples, int SampleRate) Read(string file)
    {
        var (rate, samples) = WavFile.ReadMono(Path.Combine(Directory, file));
        return (samples, rate);
    }

    /// <summary>
    /// What a G.711 call delivers to the pipeline: anti-aliased 16→8 kHz, μ-law encode and decode, 8→16 kHz as the
    /// media engine upsamples. Audio already at 8 kHz skips the downsampling.
    /// </summary>
    public static short[] ThroughTelephone(short[] samples, int sampleRate)
    {
        var narrow = sampleRate == 8000 ? samples : Telephone.Resample(samples, sampleRate, Telephone.SampleRate);
        var codes = new byte[narrow.Length];
        MuLaw.Encode(narrow, codes);
        var decoded = new short[codes.Length];
        MuLaw.Decode(codes, decoded);
        return Telephone.Resample(decoded, Telephone.SampleRate, PipelineAudio.SampleRate);
    }

    // Tests run from tests/<project>/bin/<config>/<tfm>; the clips sit beside the checkout that holds PhoneAgent.sln.
    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PhoneAgent.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "speech"));
            }
        }

        throw new DirectoryNotFoundException($"No PhoneAgent.sln above {AppContext.BaseDirectory}");
    }
}
