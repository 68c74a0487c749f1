using System.Buffers.Binary;
using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Stt.OpenAi;

/// <summary>Wraps pipeline PCM in a canonical 44-byte-header RIFF/WAVE file, the upload format every transcription server accepts.</summary>
internal static class WaveFile
{
    private const int HeaderBytes = 44;

    /// <summary>A 16 kHz mono 16-bit WAV file holding <paramref name="pcm"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<short> pcm)
    {
        var dataBytes = pcm.Length * sizeof(short);
        var file = new byte[HeaderBytes + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], HeaderBytes - 8 + dataBytes);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], PipelineAudio.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], PipelineAudio.SampleRate * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + (2 * i))..], pcm[i]);
        return file;
    }
}
