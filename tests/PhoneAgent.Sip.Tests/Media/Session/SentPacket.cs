using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Session;

/// <summary>A copy of one RTP datagram a sender emitted, with the virtual time it left at.</summary>
internal sealed record SentPacket(RtpHeader Header, byte[] Payload, long At)
{
    public static SentPacket Parse(ReadOnlySpan<byte> datagram, long at)
    {
        Assert.True(RtpPacket.TryParse(datagram, out var packet, out var failure), failure.ToString());
        return new SentPacket(packet.Header, packet.Payload.ToArray(), at);
    }
}
