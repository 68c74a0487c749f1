using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// An RTP data packet (RFC 3550 §5.1) viewed in place: parsing slices the datagram instead of copying it, and
/// <see cref="TryWrite"/> serialises into a caller's buffer, so neither direction allocates. The view is only valid
/// while the buffer it was parsed from is; keep <see cref="Header"/> and copy <see cref="Payload"/> to hold on to a packet.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      defined by profile       |           length              |  (X = 1, RFC 3550 §5.3.1)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        header extension                       |
/// |                             ....                              |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                            payload            | padding | cnt |  (P = 1: cnt counts itself)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly ref struct RtpPacket
{
    /// <summary>The size of the fixed header, before any CSRC identifiers.</summary>
    public const int FixedHeaderSize = 12;

    /// <summary>The only RTP version in use (RFC 3550 §5.1).</summary>
    public const int Version = 2;

    private const int CsrcSize = 4;
    private const int ExtensionHeaderSize = 4;

    private readonly ReadOnlySpan<byte> _csrcs;

    /// <summary>Creates a packet to send: a fixed header and a payload, without CSRCs, extension or padding.</summary>
    public RtpPacket(RtpHeader header, ReadOnlySpan<byte> payload)
    {
        Header = header;
        Payload = payload;
    }

    private RtpPacket(RtpHeader header, ReadOnlySpan<byte> csrcs, bool hasExtension, ushort extensionProfile, ReadOnlySpan<byte> extensionData, ReadOnlySpan<byte> payload, int paddingLength)
    {
        Header = header;
        _csrcs = csrcs;
        HasExtension = hasExtension;
        ExtensionProfile = extensionProfile;
        ExtensionData = extensionData;
        Payload = payload;
        PaddingLength = paddingLength;
    }

    /// <summary>Marker, payload type, sequence number, timestamp and SSRC.</summary>
    public RtpHeader Header { get; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The number of contributing sources a mixer listed (0–15).</summary>
    public int CsrcCount => _csrcs.Length / CsrcSize;

    /// <summary>Whether the X bit is set and a header extension follows the CSRC list.</summary>
    public bool HasExtension { get; }

    /// <summary>
    /// The 16 profile-defined bits that open the extension: 0xBEDE for RFC 8285 one-byte elements, 0x100x for
    /// two-byte ones. Elements are not interpreted here; a telephony endpoint only needs to skip them.
    /// </summary>
    public ushort ExtensionProfile { get; }

    /// <summary>The extension words after the profile and length fields (a multiple of four bytes).</summary>
    public ReadOnlySpan<byte> ExtensionData { get; }

    /// <summary>The number of padding bytes after the payload including the count byte, or 0 when the P bit is clear.</summary>
    public int PaddingLength { get; }

    /// <summary>Returns the contributing source identifier at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not below <see cref="CsrcCount"/>.</exception>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_csrcs.Slice(index * CsrcSize, CsrcSize));
    }

    /// <summary>The number of bytes <see cref="TryWrite"/> needs.</summary>
    public int GetSerializedSize() =>
        FixedHeaderSize + _csrcs.Length + (HasExtension ? ExtensionHeaderSize + ExtensionData.Length : 0) + Payload.Length + PaddingLength;

    /// <summary>
    /// Serialises the packet into <paramref name="destination"/>. Returns false, writing nothing, when it is smaller
    /// than <see cref="GetSerializedSize"/>. Padding is written as zeros followed by the count (RFC 3550 §5.1).
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        var size = GetSerializedSize();
        if (destination.Length < size)
        {
            bytesWritten = 0;
            return false;
        }

        destination[0] = (byte)((Version << 6) | (PaddingLength > 0 ? 0x20 : 0) | (HasExtension ? 0x10 : 0) | CsrcCount);
        destination[1] = (byte)((Header.Marker ? 0x80 : 0) | Header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Header.Ssrc);
        var offset = FixedHeaderSize;
        _csrcs.CopyTo(destination[offset..]);
        offset += _csrcs.Length;
        if (HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(ExtensionData.Length / 4));
            offset += ExtensionHeaderSize;
            ExtensionData.CopyTo(destination[offset..]);
            offset += ExtensionData.Length;
        }

        Payload.CopyTo(destination[offset..]);
        offset += Payload.Length;
        if (PaddingLength > 0)
        {
            destination.Slice(offset, PaddingLength - 1).Clear();
            destination[offset + PaddingLength - 1] = (byte)PaddingLength;
        }

        bytesWritten = size;
        return true;
    }

    /// <summary>
    /// Parses an RTP packet. Checks the length before every read, so malformed input yields a reason and never throws.
    /// </summary>
    /// <param name="data">One datagram.</param>
    /// <param name="packet">The view over <paramref name="data"/> on success; default otherwise.</param>
    /// <param name="failure">Why the datagram was rejected, with the size needed and the size present.</param>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtpPacket packet, out RtpParseFailure failure)
    {
        packet = default;
        if (data.Length < FixedHeaderSize)
        {
            failure = new RtpParseFailure(RtpParseError.TooShort, FixedHeaderSize, data.Length);
            return false;
        }

        if (data[0] >> 6 != Version)
        {
            failure = new RtpParseFailure(RtpParseError.BadVersion, 0, data.Length);
            return false;
        }

        var hasPadding = (data[0] & 0x20) != 0;
        var hasExtension = (data[0] & 0x10) != 0;
        var headerEnd = FixedHeaderSize + ((data[0] & 0x0F) * CsrcSize);
        if (data.Length < headerEnd)
        {
            failure = new RtpParseFailure(RtpParseError.CsrcPastEnd, headerEnd, data.Length);
            return false;
        }

        var csrcs = data[FixedHeaderSize..headerEnd];
        ushort extensionProfile = 0;
        var extensionData = ReadOnlySpan<byte>.Empty;
        if (hasExtension)
        {
            if (data.Length < headerEnd + ExtensionHeaderSize)
            {
                failure = new RtpParseFailure(RtpParseError.ExtensionPastEnd, headerEnd + ExtensionHeaderSize, data.Length);
                return false;
            }

            extensionProfile = BinaryPrimitives.ReadUInt16BigEndian(data[headerEnd..]);
            var extensionLength = BinaryPrimitives.ReadUInt16BigEndian(data[(headerEnd + 2)..]) * 4;
            var extensionStart = headerEnd + ExtensionHeaderSize;
            headerEnd = extensionStart + extensionLength;
            if (data.Length < headerEnd)
            {
                failure = new RtpParseFailure(RtpParseError.ExtensionPastEnd, headerEnd, data.Length);
                return false;
            }

            extensionData = data[extensionStart..headerEnd];
        }

        var paddingLength = 0;
        if (hasPadding)
        {
            // The count is the last octet and includes itself, so it needs at least one byte after the header.
            if (data.Length == headerEnd)
            {
                failure = new RtpParseFailure(RtpParseError.PaddingTooLong, headerEnd + 1, data.Length);
                return false;
            }

            paddingLength = data[^1];
            if (paddingLength == 0)
            {
                failure = new RtpParseFailure(RtpParseError.PaddingCountZero, 0, data.Length);
                return false;
            }

            if (paddingLength > data.Length - headerEnd)
            {
                failure = new RtpParseFailure(RtpParseError.PaddingTooLong, headerEnd + paddingLength, data.Length);
                return false;
            }
        }

        var header = new RtpHeader(
            (byte)(data[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            (data[1] & 0x80) != 0);
        packet = new RtpPacket(header, csrcs, hasExtension, extensionProfile, extensionData, data[headerEnd..^paddingLength], paddingLength);
        failure = default;
        return true;
    }
}
