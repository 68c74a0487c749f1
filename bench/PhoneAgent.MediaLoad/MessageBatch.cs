using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PhoneAgent.MediaLoad;

/// <summary>
/// A fixed set of <c>struct mmsghdr</c> in native memory, each with its own buffer, address and control space, for
/// sendmmsg(2) and recvmmsg(2): one system call moves a whole batch of datagrams on a socket, where sendto and
/// recvfrom cost one each. The callers are test infrastructure sharing the machine with the bot they measure, so
/// every system call they save is CPU left to the bot.
/// </summary>
/// <remarks>Owned by one thread. x86-64 and arm64 layouts (LP64 glibc): msghdr is 56 bytes, mmsghdr 64.</remarks>
internal sealed unsafe partial class MessageBatch : IDisposable
{
    public const int Capacity = 64;
    public const int BufferSize = 2048;

    private const int MessageSize = 64;
    private const int IoVectorSize = 16;
    private const int AddressSize = 16;
    private const int ControlSize = 64;
    private const int SolSocket = 1;
    private const int SoTimestampNs = 35;
    private const int MsgDontWait = 0x40;
    private const int EAgain = 11;
    private const int EIntr = 4;
    private const int EConnReset = 104;
    private const int EConnRefused = 111;

    private readonly byte* _memory;
    private readonly byte* _messages;
    private readonly byte* _vectors;
    private readonly byte* _addresses;
    private readonly byte* _controls;
    private readonly byte* _buffers;
    private int _disposed;

    public MessageBatch()
    {
        var total = (nuint)(Capacity * (MessageSize + IoVectorSize + AddressSize + ControlSize + BufferSize));
        _memory = (byte*)NativeMemory.AllocZeroed(total);
        _messages = _memory;
        _vectors = _messages + (Capacity * MessageSize);
        _addresses = _vectors + (Capacity * IoVectorSize);
        _controls = _addresses + (Capacity * AddressSize);
        _buffers = _controls + (Capacity * ControlSize);
        for (var i = 0; i < Capacity; i++)
        {
            var vector = _vectors + (i * IoVectorSize);
            *(byte**)vector = _buffers + (i * BufferSize);
            *(nuint*)(vector + 8) = BufferSize;
            var message = _messages + (i * MessageSize);
            *(byte**)(message + 16) = vector;
            *(nuint*)(message + 24) = 1;
        }
    }

    /// <summary>Datagrams held for sending.</summary>
    public int Count { get; private set; }

    /// <summary>Asks the kernel to stamp every datagram <paramref name="socket"/> receives with its arrival time (socket(7), SO_TIMESTAMPNS).</summary>
    public static void EnableTimestamps(Socket socket)
    {
        var on = 1;
        if (SetSocketOption(socket.SafeHandle, SolSocket, SoTimestampNs, &on, sizeof(int)) != 0) throw LastError("setsockopt(SO_TIMESTAMPNS)");
    }

    /// <summary>Queues a copy of <paramref name="datagram"/> for <paramref name="destination"/> (IPv4).</summary>
    /// <exception cref="InvalidOperationException">The batch holds <see cref="Capacity"/> datagrams already.</exception>
    public void Add(ReadOnlySpan<byte> datagram, IPEndPoint destination)
    {
        if (Count == Capacity) throw new InvalidOperationException("The batch is full; send it first");
        if (destination.AddressFamily != AddressFamily.InterNetwork) throw new ArgumentException("The callers send over IPv4 only", nameof(destination));
        var i = Count++;
        datagram.CopyTo(new Span<byte>(_buffers + (i * BufferSize), BufferSize));
        *(nuint*)(_vectors + (i * IoVectorSize) + 8) = (nuint)datagram.Length;

        // struct sockaddr_in: family (host order), port (network order), address, padding.
        var address = new Span<byte>(_addresses + (i * AddressSize), AddressSize);
        address.Clear();
        BitConverter.TryWriteBytes(address, (ushort)AddressFamily.InterNetwork);
        address[2] = (byte)(destination.Port >> 8);
        address[3] = (byte)destination.Port;
        destination.Address.TryWriteBytes(address[4..], out _);
        var message = _messages + (i * MessageSize);
        *(byte**)message = _addresses + (i * AddressSize);
        *(uint*)(message + 8) = AddressSize;
    }

    /// <summary>Sends every queued datagram from <paramref name="socket"/> and empties the batch; returns how many the kernel refused.</summary>
    public int Send(Socket socket)
    {
        var refused = 0;
        var offset = 0;
        while (offset < Count)
        {
            var sent = SendMessages(socket.SafeHandle, _messages + (offset * MessageSize), (uint)(Count - offset), 0);
            if (sent > 0)
            {
                offset += sent;
                continue;
            }

            if (sent < 0 && Marshal.GetLastPInvokeError() == EIntr) continue;

            // sendmmsg reports an error only for the first message of a call; skip that one and go on.
            refused++;
            offset++;
        }

        Count = 0;
        return refused;
    }

    /// <summary>
    /// Reads up to <see cref="Capacity"/> queued datagrams without waiting; returns how many (0 when none was
    /// queued). Read each with <see cref="Datagram"/> and <see cref="ArrivalNanoseconds"/>.
    /// </summary>
    public int Receive(Socket socket)
    {
        for (var i = 0; i < Capacity; i++)
        {
            var message = _messages + (i * MessageSize);
            *(byte**)message = null;
            *(uint*)(message + 8) = 0;
            *(byte**)(message + 32) = _controls + (i * ControlSize);
            *(nuint*)(message + 40) = ControlSize;
            *(nuint*)(_vectors + (i * IoVectorSize) + 8) = BufferSize;
        }

        while (true)
        {
            var received = ReceiveMessages(socket.SafeHandle, _messages, Capacity, MsgDontWait, null);
            if (received >= 0) return received;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EIntr) continue;
            if (errno == EAgain) return 0;

            // An ICMP error queued for something this socket sent to a bot session that already closed.
            if (errno is EConnRefused or EConnReset) continue;
            throw new Win32Exception(errno, $"recvmmsg failed: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/>.</summary>
    public ReadOnlySpan<byte> Datagram(int index) =>
        new(_buffers + (index * BufferSize), (int)*(uint*)(_messages + (index * MessageSize) + 56));

    /// <summary>When datagram <paramref name="index"/> arrived, in CLOCK_REALTIME nanoseconds, or null without a kernel timestamp.</summary>
    public long? ArrivalNanoseconds(int index)
    {
        // struct cmsghdr: cmsg_len (size_t), cmsg_level, cmsg_type (int), then the data, 8-byte aligned (cmsg(3)).
        var message = _messages + (index * MessageSize);
        var control = *(byte**)(message + 32);
        var length = (long)*(nuint*)(message + 40);
        long offset = 0;
        while (offset + 16 <= length)
        {
            var header = control + offset;
            var size = (long)*(nuint*)header;
            if (size < 16) return null;
            if (*(int*)(header + 8) == SolSocket && *(int*)(header + 12) == SoTimestampNs && size >= 32)
            {
                return (*(long*)(header + 16) * 1_000_000_000) + *(long*)(header + 24);
            }

            offset += (size + 7) & ~7L;
        }

        return null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) NativeMemory.Free(_memory);
    }

    private static Win32Exception LastError(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new Win32Exception(errno, $"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    [LibraryImport("libc.so.6", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMessages(SafeSocketHandle socket, byte* messages, uint count, int flags);

    [LibraryImport("libc.so.6", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int ReceiveMessages(SafeSocketHandle socket, byte* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc.so.6", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSocketOption(SafeSocketHandle socket, int level, int name, void* value, uint length);
}
