namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>One SDES item (RFC 3550 §6.5) and the source its chunk describes.</summary>
public readonly ref struct RtcpSdesItem
{
    internal RtcpSdesItem(uint ssrc, byte type, ReadOnlySpan<byte> value)
    {
        Ssrc = ssrc;
        Type = type;
        Value = value;
    }

    /// <summary>The SSRC or CSRC of the chunk the item belongs to.</summary>
    public uint Ssrc { get; }

    /// <summary>The item type byte; compare with <see cref="RtcpSdesItemType"/>.</summary>
    public byte Type { get; }

    /// <summary>The item text, UTF-8 and not terminated (at most 255 bytes).</summary>
    public ReadOnlySpan<byte> Value { get; }
}
