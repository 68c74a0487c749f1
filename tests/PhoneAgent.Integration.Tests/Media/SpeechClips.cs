using System.Buffers.Binary;
using System.Text;

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
        var bytes = File.ReadAllBytes(Path.Combine(Folder(), name));
        Assert.True(bytes.Length >= 12 && Encoding.ASCII.GetString(bytes, 0, 4) == "RIFF" && Encoding.ASCII.GetString(bytes, 8, 4) == "WAVE", $"{name} is not a WAV file");
        var rate = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                Assert.True(BinaryPrimitives.ReadUInt16LittleEndian(body) == 1 && BinaryPrimitives.ReadUInt16LittleEndian(body[2..]) == 1 && BinaryPrimitives.ReadUInt16LittleEndian(body[14..]) == 16, $"{name} is not 16-bit mono PCM");
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                Assert.True(rate > 0, $"{name} has no fmt chunk before its data");
                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                return (rate, samples);
            }

            // RIFF chunks are padded to an even length.
            offset += 8 + size + (size & 1);
        }

        Assert.Fail($"{name} has no data chunk");
        return default;
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
