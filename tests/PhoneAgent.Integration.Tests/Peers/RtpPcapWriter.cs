using System.Buffers.Binary;
using System.Net;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// Writes G.711 audio as an RTP stream in a classic libpcap file (Ethernet/IPv4/UDP/RTP), the input sipp's
/// <c>play_pcap_audio</c> replays with the packets' own timing. Only the RTP payload and timing matter to
/// sipp; addresses are placeholders it rewrites.
/// </summary>
public static class RtpPcapWriter
{
    private const int EthernetHeader = 14;
    private const int Ipv4Header = 20;
    private const int UdpHeader = 8;
    private const int RtpHeader = 12;

    /// <summary>
    /// Writes <paramref name="payload"/> (one byte per sample at 8 kHz: PCMU or PCMA) as 20 ms packets of
    /// payload type <paramref name="payloadType"/>, optionally followed by RFC 4733 events.
    /// </summary>
    public static void WriteG711(string path, ReadOnlySpan<byte> payload, byte payloadType, uint ssrc = 0x50484F4E)
    {
        using var file = File.Create(path);
        WriteGlobalHeader(file);
        const int samplesPerPacket = 160;
        ushort sequence = 1000;
        uint timestamp = 8000;
        var time = TimeSpan.Zero;
        for (var offset = 0; offset < payload.Length; offset += samplesPerPacket)
        {
            var chunk = payload.Slice(offset, Math.Min(samplesPerPacket, payload.Length - offset));
            WritePacket(file, time, payloadType, marker: offset == 0, sequence++, timestamp, ssrc, chunk);
            timestamp += samplesPerPacket;
            time += TimeSpan.FromMilliseconds(20);
        }
    }

    private static void WriteGlobalHeader(Stream stream)
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // LINKTYPE_ETHERNET
        stream.Write(header);
    }

    private static void WritePacket(Stream stream, TimeSpan time, byte payloadType, bool marker, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        var udpLength = UdpHeader + RtpHeader + payload.Length;
        var frameLength = EthernetHeader + Ipv4Header + udpLength;
        var frame = new byte[16 + frameLength];
        var span = frame.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(time.Ticks / TimeSpan.TicksPerSecond));
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(time.Ticks % TimeSpan.TicksPerSecond / 10));
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)frameLength);
        var eth = span[16..];
        BinaryPrimitives.WriteUInt16BigEndian(eth[12..], 0x0800);
        var ip = eth[EthernetHeader..];
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4Header + udpLength));
        ip[8] = 64;
        ip[9] = 17;
        IPAddress.Loopback.TryWriteBytes(ip[12..], out _);
        IPAddress.Loopback.TryWriteBytes(ip[16..], out _);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum(ip[..Ipv4Header]));
        var udp = ip[Ipv4Header..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        var rtp = udp[UdpHeader..];
        rtp[0] = 0x80;
        rtp[1] = (byte)(payloadType | (marker ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], ssrc);
        payload.CopyTo(rtp[RtpHeader..]);
        stream.Write(frame);
    }

    private static ushort Ipv4Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }
}
