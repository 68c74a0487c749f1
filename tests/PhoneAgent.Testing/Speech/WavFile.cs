using System.Buffers.Binary;
using System.Text;

namespace PhoneAgent.Testing.Speech;

/// <summary>16-bit PCM WAV files as tests write them for peers (baresip's aufile) and read them back from peers and the bot.</summary>
public static class WavFile
{
    /// <summary>Writes interleaved 16-bit samples with the canonical 44-byte header.</summary>
    public static void Write(string path, int sampleRate, ReadOnlySpan<short> samples, int channels = 1)
    {
        var bytes = new byte[44 + (2 * samples.Length)];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRate * 2 * channels);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), (short)(2 * channels));
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), 2 * samples.Length);
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (2 * i)), samples[i]);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Reads a 16-bit PCM WAV file, walking its RIFF chunks (libsndfile writes more than the canonical header). A data
    /// chunk whose size runs past the end of the file (a writer that was killed) yields the samples that are there.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not 16-bit PCM WAV.</exception>
    public static (int SampleRate, int Channels, short[] Samples) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file");
        }

        var (rate, channels) = (0, 0);
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4)), int.MaxValue - 16);
            var body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == "fmt ")
            {
                if (body.Length < 16 || BinaryPrimitives.ReadUInt16LittleEndian(body) != 1 || BinaryPrimitives.ReadUInt16LittleEndian(body[14..]) != 16)
                {
                    throw new InvalidDataException($"{path} is not 16-bit PCM");
                }

                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                if (rate == 0) throw new InvalidDataException($"{path} has no fmt chunk before its data");
                var samples = new short[body.Length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                return (rate, channels, samples);
            }

            // RIFF chunks are padded to an even length.
            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }

    /// <summary>Reads a mono 16-bit PCM WAV file (see <see cref="Read"/>).</summary>
    /// <exception cref="InvalidDataException">The file is not mono 16-bit PCM WAV.</exception>
    public static (int SampleRate, short[] Samples) ReadMono(string path)
    {
        var (rate, channels, samples) = Read(path);
        return channels == 1 ? (rate, samples) : throw new InvalidDataException($"{path} has {channels} channels, not one");
    }

    /// <summary>One channel of interleaved samples.</summary>
    public static short[] Channel(short[] interleaved, int channels, int channel)
    {
        var result = new short[interleaved.Length / channels];
        for (var i = 0; i < result.Length; i++) result[i] = interleaved[(i * channels) + channel];
        return result;
    }
}
