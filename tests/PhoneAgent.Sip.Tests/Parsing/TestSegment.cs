using System.Buffers;

namespace PhoneAgent.Sip.Tests.Parsing;

/// <summary>A linked buffer segment, for building multi-segment sequences as a socket's pipe would hand them over.</summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    public TestSegment(ReadOnlyMemory<byte> memory, TestSegment? previous)
    {
        Memory = memory;
        if (previous is not null)
        {
            RunningIndex = previous.RunningIndex + previous.Memory.Length;
            previous.Next = this;
        }
    }

    /// <summary>A sequence whose segments are the given chunks, in order (empty chunks included).</summary>
    public static ReadOnlySequence<byte> Sequence(params byte[][] chunks)
    {
        if (chunks.Length == 0) return ReadOnlySequence<byte>.Empty;
        var first = new TestSegment(chunks[0], null);
        var last = first;
        for (var i = 1; i < chunks.Length; i++) last = new TestSegment(chunks[i], last);
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>The bytes split at the given offsets into separate segments.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] offsets)
    {
        var chunks = new List<byte[]>();
        var start = 0;
        foreach (var offset in offsets.Order())
        {
            chunks.Add(bytes[start..offset]);
            start = offset;
        }
        chunks.Add(bytes[start..]);
        return Sequence([.. chunks]);
    }
}
