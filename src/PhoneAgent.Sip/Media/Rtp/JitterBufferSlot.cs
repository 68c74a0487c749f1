namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// One ring slot of the jitter buffer. Its payload buffer is kept across uses, so a steady stream allocates nothing
/// after the ring has filled once.
/// </summary>
internal struct JitterBufferSlot
{
    // Big enough for 20 ms of G.711 or a typical Opus frame, so most slots allocate once.
    private const int InitialBufferSize = 256;

    public JitterBufferSlotState State;
    public ushort SequenceNumber;
    public uint Timestamp;
    public bool Marker;
    public int Length;
    public byte[]? Buffer;

    public readonly bool Holds(ushort sequenceNumber, JitterBufferSlotState state) => State == state && SequenceNumber == sequenceNumber;

    public void Store(ushort sequenceNumber, uint timestamp, bool marker, ReadOnlySpan<byte> payload)
    {
        if (Buffer is null || Buffer.Length < payload.Length)
        {
            Buffer = new byte[Math.Max(payload.Length, InitialBufferSize)];
        }

        payload.CopyTo(Buffer);
        State = JitterBufferSlotState.Buffered;
        SequenceNumber = sequenceNumber;
        Timestamp = timestamp;
        Marker = marker;
        Length = payload.Length;
    }

    public void Mark(ushort sequenceNumber, JitterBufferSlotState state)
    {
        SequenceNumber = sequenceNumber;
        State = state;
    }
}
