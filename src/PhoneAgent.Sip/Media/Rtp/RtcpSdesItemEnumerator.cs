using System.Buffers.Binary;

namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Walks the chunks and items of an SDES packet (RFC 3550 §6.5), checking the length before every read. Stops at the
/// first malformed chunk; <see cref="RtcpSourceDescription.TryParse"/> uses that to validate the whole packet.
/// </summary>
public ref struct RtcpSdesItemEnumerator
{
    private const int SsrcSize = 4;
    private const int ItemHeaderSize = 2;

    private readonly ReadOnlySpan<byte> _body;
    private int _offset;
    private int _chunksLeft;
    private uint _ssrc;
    private bool _inChunk;

    internal RtcpSdesItemEnumerator(ReadOnlySpan<byte> body, int chunkCount)
    {
        _body = body;
        _chunksLeft = chunkCount;
    }

    /// <summary>The item the enumerator is positioned on.</summary>
    public RtcpSdesItem Current { get; private set; }

    /// <summary>The body size the failing read needed, or 0 while the packet has been well formed.</summary>
    internal int NeededSize { get; private set; }

    /// <summary>Returns this enumerator, so that an SDES view can be used in <c>foreach</c>.</summary>
    public readonly RtcpSdesItemEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next item, crossing into the next chunk when a list ends.</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (!_inChunk)
            {
                if (_chunksLeft == 0)
                {
                    return false;
                }

                if (_body.Length - _offset < SsrcSize)
                {
                    return Fail(_offset + SsrcSize);
                }

                _ssrc = BinaryPrimitives.ReadUInt32BigEndian(_body.Slice(_offset, SsrcSize));
                _offset += SsrcSize;
                _inChunk = true;
                _chunksLeft--;
            }

            if (_offset >= _body.Length)
            {
                return Fail(_offset + 1);
            }

            var type = _body[_offset];
            if (type == (byte)RtcpSdesItemType.End)
            {
                // One null octet ends the list and further nulls pad to the next 32-bit boundary, so the next chunk
                // starts at the first multiple of four after the null (RFC 3550 §6.5).
                var next = (_offset + 4) & ~3;
                if (next > _body.Length)
                {
                    return Fail(next);
                }

                _offset = next;
                _inChunk = false;
                continue;
            }

            if (_body.Length - _offset < ItemHeaderSize)
            {
                return Fail(_offset + ItemHeaderSize);
            }

            var end = _offset + ItemHeaderSize + _body[_offset + 1];
            if (end > _body.Length)
            {
                return Fail(end);
            }

            Current = new RtcpSdesItem(_ssrc, type, _body[(_offset + ItemHeaderSize)..end]);
            _offset = end;
            return true;
        }
    }

    private bool Fail(int neededSize)
    {
        NeededSize = neededSize;
        _chunksLeft = 0;
        _inChunk = false;
        return false;
    }
}
