using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// The payload of an RFC 4733 telephone-event packet (§2.3): which event, whether it has ended, its volume and how
/// long it has lasted so far.
/// </summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     event     |E|R| volume    |          duration             |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </remarks>
public readonly record struct TelephoneEventPayload
{
    /// <summary>The payload size.</summary>
    public const int Size = 4;

    /// <summary>The quietest volume: the field holds 0 to 63, meaning 0 to -63 dBm0.</summary>
    public const byte MaxVolume = 63;

    /// <summary>Creates a payload, rejecting a volume that does not fit in six bits.</summary>
    /// <param name="eventCode">The event; 0–15 are DTMF digits (see <see cref="DtmfEvents"/>).</param>
    /// <param name="end">The E bit: this packet reports the end of the event.</param>
    /// <param name="volume">The power level in dBm0 with the sign dropped, 0–63.</param>
    /// <param name="duration">The duration so far, in RTP timestamp units from the event's timestamp.</param>
    public TelephoneEventPayload(byte eventCode, bool end, byte volume, ushort duration)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, MaxVolume);
        Event = eventCode;
        End = end;
        Volume = volume;
        Duration = duration;
    }

    /// <summary>The event code.</summary>
    public byte Event { get; }

    /// <summary>Whether the E bit is set.</summary>
    public bool End { get; }

    /// <summary>The volume, 0 (loudest) to 63.</summary>
    public byte Volume { get; }

    /// <summary>The duration so far in timestamp units.</summary>
    public ushort Duration { get; }

    /// <summary>The number of bytes <see cref="TryWrite"/> needs.</summary>
    public int GetSerializedSize() => Size;

    /// <summary>Writes the payload; false when <paramref name="destination"/> is shorter than <see cref="Size"/>.</summary>
    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        if (destination.Length < Size)
        {
            bytesWritten = 0;
            return false;
        }

        destination[0] = Event;

        // The R bit is reserved: sent as zero, ignored on receipt (§2.3).
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        bytesWritten = Size;
        return true;
    }

    /// <summary>Reads a payload; false when fewer than <see cref="Size"/> bytes are present. Never throws.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEventPayload value)
    {
        if (payload.Length < Size)
        {
            value = default;
            return false;
        }

        value = new TelephoneEventPayload(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }
}
