using System.Buffers.Binary;
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
        var bytes = File.ReadAllBytes(Path.Combine(Directory, file));
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);
        Assert.Equal("WAVE"u8.ToArray(), bytes[8..12]);
        var sampleRate = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = System.Text.Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(body));
                Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(body[2..]));
                Assert.Equal(16, BinaryPrimitives.ReadInt16LittleEndian(body[14..]));
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                return (samples, sampleRate);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{file} has no data chunk");
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
