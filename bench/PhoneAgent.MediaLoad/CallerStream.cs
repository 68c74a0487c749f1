using System.Buffers.Binary;
using System.Net;

namespace PhoneAgent.MediaLoad;

/// <summary>
/// The caller's end of one call: the RTP packet it sends (a fixed tone payload whose header is restamped per send)
/// and what it has seen of the bot's echo. The send fields belong to the send thread and the receive fields to the
/// lane's receive thread; the main thread reads them only after both have stopped.
/// </summary>
internal sealed class CallerStream
{
    private const int HeaderSize = 12;
    private readonly byte[] _packet;
    private ushort _sequence;
    private uint _timestamp;
    private long _lastArrival;
    private ushort _lastSequence;

    public CallerStream(CallerLane lane, IPEndPoint bot, uint ssrc, byte payloadType, ReadOnlySpan<byte> payload)
    {
        Lane = lane;
        BotAddress = bot;
        _packet = new byte[HeaderSize + payload.Length];
        _packet[0] = 0x80;
        _packet[1] = (byte)(0x80 | payloadType);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(8), ssrc);
        payload.CopyTo(_packet.AsSpan(HeaderSize));
        _sequence = (ushort)Random.Shared.Next(1 << 16);
        _timestamp = (uint)Random.Shared.NextInt64(1L << 32);
        SamplesPerPacket = payload.Length;
    }

    public CallerLane Lane { get; }

    public IPEndPoint BotAddress { get; }

    /// <summary>G.711 carries one sample per byte, so the payload length is also the RTP timestamp step.</summary>
    public int SamplesPerPacket { get; }

    public long Sent { get; private set; }

    public long Received { get; private set; }

    /// <summary>Received packets whose payload was not the codec's silence: the tone came back.</summary>
    public long ReceivedVoice { get; private set; }

    /// <summary>The next packet to send, stamped; the marker bit is set on the first packet of the stream only.</summary>
    public ReadOnlySpan<byte> NextPacket()
    {
        if (Sent == 1) _packet[1] &= 0x7F;
        BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp);
        _timestamp += (uint)SamplesPerPacket;
        Sent++;
        return _packet;
    }

    /// <summary>Counts an echo packet that arrived at <paramref name="arrival"/> (the kernel's receive timestamp, in ns).</summary>
    /// <returns>The packet's distance from its predecessor in sequence numbers, or 0 for the first one.</returns>
    public int OnEcho(ushort sequence, long arrival, bool voice, out long previousArrival)
    {
        var step = Received == 0 ? 0 : (ushort)(sequence - _lastSequence);
        previousArrival = _lastArrival;
        _lastArrival = arrival;
        _lastSequence = sequence;
        Received++;
        if (voice) ReceivedVoice++;
        return step;
    }
}
