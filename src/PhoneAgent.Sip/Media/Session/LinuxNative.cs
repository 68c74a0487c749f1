using System.Runtime.InteropServices;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>The glibc calls the datagram receiver needs: epoll(7) and eventfd(2).</summary>
/// <remarks>
/// We bind the versioned soname: the unversioned libc.so on Debian is a linker script, which dlopen cannot load.
/// struct epoll_event is declared packed on x86-64 only (sys/epoll.h, <c>__EPOLL_PACKED</c>), so it is 12 bytes
/// there and 16 elsewhere; callers read and write it as bytes at <see cref="EpollEventSize"/> strides.
/// </remarks>
internal static unsafe partial class LinuxNative
{
    public const int EpollCloexec = 0x80000;
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const uint EpollIn = 0x001;
    public const int EventFdCloexec = 0x80000;
    public const int EventFdNonBlock = 0x800;
    public const int Eintr = 4;

    private const string Library = "libc.so.6";

    /// <summary>The size of struct epoll_event on this architecture.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>The offset of the 64-bit data field in struct epoll_event, after the 32-bit events mask.</summary>
    public static readonly int EpollDataOffset = EpollEventSize - sizeof(ulong);

    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial FileDescriptorHandle EpollCreate(int flags);

    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(FileDescriptorHandle epoll, int operation, int fd, byte* epollEvent);

    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(FileDescriptorHandle epoll, byte* events, int maxEvents, int timeoutMilliseconds);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial FileDescriptorHandle EventFd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(FileDescriptorHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
