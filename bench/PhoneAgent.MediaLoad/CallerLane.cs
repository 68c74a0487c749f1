using PhoneAgent.Testing.Net;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Media;

namespace PhoneAgent.MediaLoad;

/// <summary>
/// One caller socket shared by a group of calls, with a thread that files every echo packet under its call by the
/// bot's SSRC. Symmetric RTP makes each bot session latch onto this socket as its peer, so a lane stands in for many
/// callers at the cost of one thread.
/// </summary>
/// <remarks>
/// The thread does not block in a receive: it wakes every millisecond and drains the socket with recvmmsg(2), and
/// the kernel stamps each datagram's arrival (SO_TIMESTAMPNS), so the jitter it measures is the bot's and the
/// kernel's, not this thread's wake-up latency. A thread blocked in recvfrom was woken by every echo packet: at 1000
/// calls that was 25,000 wake-ups a second, each of which preempted the bot's clock thread in the middle of its
/// sends (docs/PERFORMANCE.md, media load).
/// </remarks>
internal sealed class CallerLane : IDisposable
{
    // Room for about 20,000 queued echo packets, so a receive thread descheduled for a few ms loses nothing;
    // the kernel caps it at net.core.rmem_max.
    private const int ReceiveBufferBytes = 4 << 20;

    private readonly RtpPortLease _ports;
    private readonly Dictionary<uint, CallerStream> _byBotSsrc = [];
    private readonly byte[] _silence;
    private readonly double _periodNanoseconds;
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

        MessageBatch.EnableTimestamps(_ports.Rtp);

        // Wakes the blocked RTCP receive so that its thread notices it should stop.
        _ports.Rtcp.ReceiveTimeout = 200;
        _silence = silencePayload.ToArray();
        _periodNanoseconds = period.TotalSeconds * 1e9;
        _thread = new Thread(Receive) { IsBackground = true, Name = "caller-lane" };
        _rtcpThread = new Thread(DrainRtcp) { IsBackground = true, Name = "caller-rtcp" };
    }

    public IPEndPoint EndPoint => _ports.RtpEndPoint;

    public Socket Socket => _ports.Rtp;

    /// <summary>|interval − expected| of echo arrivals while measuring.</summary>
    public JitterHistogram Jitter { get; } = new();

    /// <summary>Datagrams that were not an echo of one of this lane's calls, or that the kernel did not timestamp.</summary>
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
        using var batch = new MessageBatch();
        while (!_stopping)
        {
            var received = batch.Receive(_ports.Rtp);
            for (var i = 0; i < received; i++) OnDatagram(batch.Datagram(i), batch.ArrivalNanoseconds(i));

            // A full batch may have left more queued; otherwise the socket is drained until the next millisecond.
            if (received < MessageBatch.Capacity) Thread.Sleep(1);
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, long? arrivalNanoseconds)
    {
        if (arrivalNanoseconds is not { } arrival)
        {
            // The kernel stamps every datagram once SO_TIMESTAMPNS is on; one without a stamp cannot be timed.
            Strays++;
            return;
        }

        if (datagram.Length < 12 || !_byBotSsrc.TryGetValue(BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]), out var stream))
        {
            Strays++;
            return;
        }

        var voice = !datagram[12..].SequenceEqual(_silence);
        var step = stream.OnEcho(BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]), arrival, voice, out var previous);

        // A gap of a few sequence numbers is lost packets, not jitter: compare against that many periods.
        if (_measuring && step is > 0 and < 50)
        {
            Jitter.Add(Math.Abs(arrival - previous - (step * _periodNanoseconds)) / 1e6);
        }
    }
}
