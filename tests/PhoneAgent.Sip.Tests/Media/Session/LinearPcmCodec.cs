using System.Buffers.Binary;
using PhoneAgent.Sip.Media.Codecs;

namespace PhoneAgent.Sip.Tests.Media.Session;

/// <summary>16 kHz big-endian L16 (RFC 3551 §4.5.11 at another rate): lossless, so tests can compare samples exactly.</summary>
internal sealed class LinearPcmCodec : IAudioCodec
{
    public string Name => "L16";

    public int ClockRate => 16000;

    public int SampleRate => 16000;

    public int SamplesPerFrame(int ptimeMs) => ptimeMs * 16;

    public int MaxPayloadSize(int ptimeMs) => ptimeMs * 32;

    public int Encode(ReadOnlySpan<short> pcm, Span<byte> payload)
    {
        for (var i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16BigEndian(payload[(2 * i)..], pcm[i]);
        return pcm.Length * 2;
    }

    public int GetDecodedLength(ReadOnlySpan<byte> payload) => payload.Length / 2;

    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        for (var i = 0; i < payload.Length / 2; i++) pcm[i] = BinaryPrimitives.ReadInt16BigEndian(payload[(2 * i)..]);
        return payload.Length / 2;
    }

    public int Conceal(Span<short> pcm, ReadOnlySpan<byte> nextPayload = default)
    {
        pcm.Clear();
        return pcm.Length;
    }

    public void Dispose()
    {
    }
}
