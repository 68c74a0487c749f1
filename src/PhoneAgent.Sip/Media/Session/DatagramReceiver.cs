using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PhoneAgent.Sip.Media.Session;

/// <summary>
/// Receives the RTP and RTCP of every call on a few dedicated threads, each waiting on many sockets with epoll(7),
/// instead of two async receive loops per call. At 1000 calls that is 50,000 packets a second; per-socket loops cost
/// an epoll wake-up and a thread-pool work item for each, and the pool's queue then delayed the media clock too
/// (docs/PERFORMANCE.md, media load). Linux only, like the rest of the media stack's native dependencies.
/// </summary>
/// <remarks>Thread-safe. Disposing stops the threads; handlers never run after it returns.</remarks>
public sealed class DatagramReceiver : IDisposable
{
    private readonly DatagramReceiverThread[] _threads;
    private int _disposed;

    /// <summary>Starts <paramref name="threads"/> receive threads (0: one per two processors, at least one).</summary>
    /// <param name="threads">How many threads share the sockets (0: one per two processors, at least one).</param>
    /// <param name="logger">Where failed handlers and the threads' scheduling are logged.</param>
    /// <param name="realtimePriority">
    /// 1-99: the threads ask for SCHED_FIFO at this priority, so that an arriving packet (a barge-in onset among them)
    /// is read at once even while normal threads hold the cores; a refusal is logged and they run at normal priority.
    /// 0: normal scheduling.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is negative or <paramref name="realtimePriority"/> outside 0-99.</exception>
    /// <exception cref="PlatformNotSupportedException">Not running on Linux.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The kernel refused an epoll instance or an eventfd.</exception>
    public DatagramReceiver(int threads = 0, ILogger? logger = null, int realtimePriority = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ThreadScheduling.ThrowIfInvalid(realtimePriority);
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("The media receiver uses epoll(7), which only Linux has");
        logger ??= NullLogger.Instance;
        _threads = new DatagramReceiverThread[threads == 0 ? Math.Max(1, Environment.ProcessorCount / 2) : threads];
        for (var i = 0; i < _threads.Length; i++) _threads[i] = new DatagramReceiverThread(logger, $"media-receive-{i}", realtimePriority);
        IsRealtime = ThreadScheduling.Report(logger, $"Media receive: {_threads.Length} thread(s)", realtimePriority, _threads.Select(t => t.RealtimeError));
    }

    /// <summary>Whether every thread runs under the SCHED_FIFO priority it asked for (false when it asked for none).</summary>
    public bool IsRealtime { get; }

    /// <summary>How many receive threads share the sockets.</summary>
    public int ThreadCount => _threads.Length;

    /// <summary>Disposes every thread; sockets still registered are left to their owners.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        foreach (var thread in _threads) thread.Dispose();
    }

    /// <summary>Calls <paramref name="handler"/> on a receive thread for each datagram <paramref name="socket"/> receives, until the registration is disposed.</summary>
    /// <remarks>The socket is switched to non-blocking mode; its other users should only send on it.</remarks>
    internal DatagramRegistration Register(Socket socket, DatagramHandler handler)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _threads.MinBy(t => t.Count)!.Add(socket, handler);
    }
}
