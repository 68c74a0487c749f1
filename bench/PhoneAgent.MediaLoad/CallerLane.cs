using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Media;

namespace PhoneAgent.MediaLoad;

/// <summary>
/// One caller socket shared by a group of calls, with a thread blocked in <c>recvfrom</c> that timestamps every echo
/// packet and files it under its call by the bot's SSRC. Symmetric RTP makes each bot session latch onto this socket
/// as its peer, so a lane stands in for many callers at the cost of one thread.
/// </summary>
internal sealed class CallerLane : IDisposable
{
    // Room for about 20,000 queued echo packets, so a receive thread descheduled for a few ms loses nothing;
    // the kernel caps it at net.core.rmem_max.
    private const int ReceiveBufferBytes = 4 << 20;

    private readonly RtpPortLease _ports;
    private readonly Dictionary<uint, CallerStream> _byBotSsrc = [];
    private readonly byte[] _silence;
    private readonly double _periodTimestampTicks;
    private readonly Thread _thread;
    private readonly Thread _rtcpThread;
    private volatile bool _measuring;
    private volatile bool _stopping;
    private int _tid;

    public CallerLane(RtpPortLease ports, ReadOnlySpan<byte> silencePayload, TimeSpan period)
    {
        _ports = ports;
        _ports.Rtp.ReceiveBufferSize = ReceiveBufferBytes;
        _ports.Rtp.SendBufferSize = ReceiveBufferBytes;

        // Wakes the blocked receive so the thread notices it should stop.
        _ports.Rtp.ReceiveTimeout = 200;
        _ports.Rtcp.ReceiveTimeout = 200;
        _silence = silencePayload.ToArray();
        _periodTimestampTicks = period.TotalSeconds * Stopwatch.Frequency;
        _thread = new Thread(Receive) { IsBackground = true, Name = "caller-lane" };
        _rtcpThread = new Thread(DrainRtcp) { IsBackground = true, Name = "caller-rtcp" };
    }

    public IPEndPoint EndPoint => _ports.RtpEndPoint;

    public Socket Socket => _ports.Rtp;

    /// <summary>|interval − expected| of echo arrivals while measuring.</summary>
    public JitterHistogram Jitter { get; } = new();

    /// <summary>Datagrams that were not an echo of one of this lane's calls.</summary>
    public long Strays { get; private set; }

    /// <summary>The receive thread's kernel id, for its CPU time; valid once <see cref="Start"/> has returned.</summary>
    public int ThreadId => Volatile.Read(ref _tid);

    public bool Measuring
    {
        set => _measuring = value;
    }

    /// <summary>Files echo packets carrying <paramref name="botSsrc"/> under <paramref name="stream"/>; call before <see cref="Start"/>.</summary>
    public void Add(uint botSsrc, CallerStream stream) => _byBotSsrc.Add(botSsrc, stream);

    public void Start()
    {
        _thread.Start();
        _rtcpThread.Start();
        SpinWait.SpinUntil(() => Volatile.Read(ref _tid) != 0);
    }

    public void Dispose()
    {
        _stopping = true;
        if (_thread.IsAlive) _thread.Join();
        if (_rtcpThread.IsAlive) _rtcpThread.Join();
        _ports.Dispose();
    }

    /// <summary>
    /// Reads and discards the bot sessions' RTCP reports. Left unread, they would fill the socket's buffer and show
    /// up in the kernel's machine-wide receive-buffer drop count, which the benchmark reports as RTP loss.
    /// </summary>
    private void DrainRtcp()
    {
        var buffer = new byte[2048];
        while (!_stopping)
        {
            try
            {
                _ports.Rtcp.Receive(buffer);
            }
            catch (SocketException)
            {
                // A receive timeout (time to check for stopping) or an ICMP error: neither matters to a drain.
            }
        }
    }

    private void Receive()
    {
        Volatile.Write(ref _tid, ProcStat.CurrentThreadId());
        var buffer = new byte[2048];
        var from = new SocketAddress(_ports.Rtp.AddressFamily);
        while (!_stopping)
        {
            int length;
            try
            {
                length = _ports.Rtp.ReceiveFrom(buffer, SocketFlags.None, from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // An ICMP error for something the lane sent to a bot session that already closed.
                continue;
            }

            var arrival = Stopwatch.GetTimestamp();
            if (length < 12 || !_byBotSsrc.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(8)), out var stream))
            {
                Strays++;
                continue;
            }

            var voice = !buffer.AsSpan(12, length - 12).SequenceEqual(_silence);
            var step = stream.OnEcho(BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)), arrival, voice, out var previous);

            // A gap of a few sequence numbers is lost packets, not jitter: compare against that many periods.
            if (_measuring && step is > 0 and < 50)
            {
                Jitter.Add(Math.Abs(arrival - previous - (step * _periodTimestampTicks)) * 1000.0 / Stopwatch.Frequency);
            }
        }
    }
}
