using System.Buffers.Binary;
using System.Text;

namespace PhoneAgent.Testing.Speech;

/// <summary>Mono 16-bit PCM WAV files: written for peers that play audio (baresip's aufile), read from peers that record it.</summary>
public static class WavFile
{
    private const int HeaderBytes = 44;

    /// <summary>Writes <paramref name="samples"/> as a canonical 44-byte-header mono 16-bit WAV file.</summary>
    public static void Write(string path, ReadOnlySpan<short> samples, int sampleRate)
    {
        var file = new byte[HeaderBytes + (samples.Length * 2)];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], file.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], samples.Length * 2);
        for (var i = 0; i < samples.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + (2 * i))..], samples[i]);
        File.WriteAllBytes(path, file);
    }

    /// <summary>
    /// Reads a mono 16-bit PCM WAV file, walking its RIFF chunks (libsndfile writes more than the canonical header).
    /// A data chunk whose size was never filled in (a recorder killed mid-call) is read to the end of the file.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not mono 16-bit PCM WAV.</exception>
    public static (int SampleRate, short[] Samples) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || Encoding.ASCII.GetString(bytes, 0, 4) != "RIFF" || Encoding.ASCII.GetString(bytes, 8, 4) != "WAVE")
        {
            throw new InvalidDataException($"{path} is not a RIFF/WAVE file");
        }

        var rate = 0;
        for (var offset = 12; offset + 8 <= bytes.Length;)
        {
            var id = Encoding.ASCII.GetString(bytes, offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
            var length = (int)Math.Min(size, (uint)(bytes.Length - offset - 8));
            var body = bytes.AsSpan(offset + 8, length);
            if (id == "fmt ")
            {
                if (length < 16 || BinaryPrimitives.ReadUInt16LittleEndian(body) != 1 || BinaryPrimitives.ReadUInt16LittleEndian(body[2..]) != 1 || BinaryPrimitives.ReadUInt16LittleEndian(body[14..]) != 16)
                {
                    throw new InvalidDataException($"{path} is not mono 16-bit PCM");
                }

                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
            }
            else if (id == "data")
            {
                if (rate == 0) throw new InvalidDataException($"{path} has no fmt chunk before its data");
                var samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++) samples[i] = BinaryPrimitives.ReadInt16LittleEndian(body[(2 * i)..]);
                return (rate, samples);
            }

            // RIFF chunks are padded to an even length.
            offset += 8 + length + (length & 1);
        }

        throw new InvalidDataException($"{path} has no data chunk");
    }
}
