using System.Buffers.Binary;
using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// One thread waiting in epoll_wait(2) on many sockets and reading one datagram from each that is ready per round
/// (epoll is level-triggered, so a socket with more queued comes back in the next round). One system call wakes the
/// thread for a whole batch of packets, where an async receive per socket costs a wake-up and a thread-pool work
/// item per packet.
/// </summary>
/// <remarks>
/// Handlers run under the dispatch lock, which <see cref="Remove"/> also takes: once it returns, the socket's
/// handler is not running and never runs again. An eventfd in the set wakes the thread to stop.
/// </remarks>
internal sealed unsafe class DatagramReceiverThread : IDisposable
{
    private const int MaxEvents = 256;
    private const int DatagramCapacity = 2048;
    private const ulong WakeToken = 0;

    private readonly Lock _dispatch = new();
    private readonly Dictionary<ulong, DatagramRegistration> _registrations = [];
    private readonly FileDescriptorHandle _epoll;
    private readonly FileDescriptorHandle _wake;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private ulong _nextToken = WakeToken + 1;
    private volatile bool _stopping;
    private int _disposed;

    /// <summary>Starts the thread, under SCHED_FIFO at <paramref name="realtimePriority"/> when it is above 0 and the kernel allows it.</summary>
    public DatagramReceiverThread(ILogger logger, string name, int realtimePriority = 0)
    {
        _logger = logger;
        _epoll = Check(LinuxNative.EpollCreate(LinuxNative.EpollCloexec), "epoll_create1");
        _wake = Check(LinuxNative.EventFd(0, LinuxNative.EventFdCloexec | LinuxNative.EventFdNonBlock), "eventfd");
        Control(LinuxNative.EpollCtlAdd, (int)_wake.DangerousGetHandle(), WakeToken);
        _thread = ThreadScheduling.Start(name, Run, realtimePriority, out var error);
        RealtimeError = error;
    }

    /// <summary>0 when the thread runs at the realtime priority asked for (or none was); otherwise the errno that refused it.</summary>
    public int RealtimeError { get; }

    /// <summary>Sockets registered.</summary>
    public int Count
    {
        get { lock (_dispatch) return _registrations.Count; }
    }

    public DatagramRegistration Add(Socket socket, DatagramHandler handler)
    {
        lock (_dispatch)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            var registration = new DatagramRegistration(this, _nextToken++, socket, handler);
            try
            {
                Control(LinuxNative.EpollCtlAdd, registration.Fd, registration.Token);
            }
            catch
            {
                registration.Release();
                throw;
            }

            _registrations.Add(registration.Token, registration);
            return registration;
        }
    }

    public void Remove(DatagramRegistration registration)
    {
        lock (_dispatch)
        {
            if (!_registrations.Remove(registration.Token)) return;
            Detach(registration);
        }

        registration.Release();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping = true;
        var one = 1UL;
        LinuxNative.Write(_wake, (byte*)&one, sizeof(ulong));
        if (Thread.CurrentThread != _thread) _thread.Join();
        lock (_dispatch)
        {
            foreach (var registration in _registrations.Values) registration.Release();
            _registrations.Clear();
        }

        _wake.Dispose();
        _epoll.Dispose();
    }

    private static FileDescriptorHandle Check(FileDescriptorHandle handle, string call)
    {
        if (!handle.IsInvalid) return handle;
        var errno = Marshal.GetLastPInvokeError();
        handle.Dispose();
        throw new Win32Exception(errno, $"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    private void Control(int operation, int fd, ulong token)
    {
        var epollEvent = stackalloc byte[LinuxNative.EpollEventSize];
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(epollEvent, 4), LinuxNative.EpollIn);
        MemoryMarshal.Write(new Span<byte>(epollEvent + LinuxNative.EpollDataOffset, sizeof(ulong)), in token);
        if (LinuxNative.EpollCtl(_epoll, operation, fd, epollEvent) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        throw new Win32Exception(errno, $"epoll_ctl({operation}) failed: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    /// <summary>Takes a socket out of the epoll set; it may already have left if its descriptor was closed.</summary>
    private void Detach(DatagramRegistration registration)
    {
        try
        {
            Control(LinuxNative.EpollCtlDel, registration.Fd, registration.Token);
        }
        catch (Win32Exception e)
        {
            _logger.LogDebug(e, "Removing socket {Fd} from the receive set failed", registration.Fd);
        }
    }

    private void Run()
    {
        var events = GC.AllocateArray<byte>(MaxEvents * LinuxNative.EpollEventSize, pinned: true);
        var buffer = new byte[DatagramCapacity];
        while (!_stopping)
        {
            int ready;
            fixed (byte* p = events) ready = LinuxNative.EpollWait(_epoll, p, MaxEvents, -1);
            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LinuxNative.Eintr) continue;

                // Only a bug (EBADF, EFAULT, EINVAL) gets here, and the thread cannot go on; no exception may end it.
                _logger.LogError("epoll_wait failed ({Errno}: {Message}); media receive stopped", errno, Marshal.GetPInvokeErrorMessage(errno));
                return;
            }

            lock (_dispatch)
            {
                for (var i = 0; i < ready && !_stopping; i++)
                {
                    var token = MemoryMarshal.Read<ulong>(events.AsSpan((i * LinuxNative.EpollEventSize) + LinuxNative.EpollDataOffset, sizeof(ulong)));
                    if (token == WakeToken || !_registrations.TryGetValue(token, out var registration)) continue;

                    if (registration.ReceiveOne(buffer, _logger)) continue;

                    // A socket disposed by its owner while registered: Socket.Dispose spins, shutting the socket
                    // down (which wakes us), until the last reference on its handle is gone, and ours is one of
                    // them. Stop polling it and drop our reference so that dispose can finish.
                    _registrations.Remove(token);
                    Detach(registration);
                    registration.Release();
                }
            }
        }
    }
}
