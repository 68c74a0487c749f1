using System.ComponentModel;
using System.Net;
using System.Net.Sockets;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Testing.Net;

namespace PhoneAgent.Testing.Calls;

/// <summary>
/// The caller's side of a PCMU call's media at packet level: sends 8 kHz speech (silence in between) every 20 ms and
/// captures every packet the bot sends with its arrival time, so tests measure what happened on the wire rather
/// than what the bot reports about itself.
/// </summary>
public sealed class CallerMedia : IAsyncDisposable
{
    /// <summary>Samples in one 20 ms PCMU frame.</summary>
    public const int FrameSamples = 160;

    private static readonly TimeSpan Ptime = TimeSpan.FromMilliseconds(20);
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly Lock _gate = new();
    private readonly Queue<CallerUtterance> _pending = new();
    private readonly List<CapturedPacket> _received = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private Thread? _sending;
    private Thread? _receiving;
    private IPEndPoint? _remote;
    private TimeSpan _sendStart;
    private CallerUtterance? _current;
    private int _frameInUtterance;
    private long _packetsSent;

    /// <summary>Binds the caller's RTP socket on 127.0.0.1.</summary>
    public CallerMedia(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _start = _time.GetTimestamp();
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    /// <summary>The caller's RTP port, for the SDP offer.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Time since this caller's media was created; every timestamp here is on this scale.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_start);

    /// <summary>When the first packet to the bot was due, on <see cref="Now"/>'s scale; null before <see cref="Start"/>.</summary>
    public TimeSpan? SendStarted { get; private set; }

    /// <summary>RTP packets sent to the bot so far, silence included.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Packets received from the bot so far, oldest first.</summary>
    public IReadOnlyList<CapturedPacket> Received
    {
        get { lock (_gate) return [.. _received]; }
    }

    /// <summary>
    /// Packets received from the bot from the <paramref name="index"/>-th on, oldest first: lets a long-running caller
    /// (a benchmark) collect its captures incrementally instead of copying all of them on every look.
    /// </summary>
    public IReadOnlyList<CapturedPacket> ReceivedSince(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        lock (_gate) return index >= _received.Count ? [] : _received.GetRange(index, _received.Count - index);
    }

    /// <summary>Starts sending to and receiving from the bot's RTP address from the SDP answer.</summary>
    public void Start(IPEndPoint remote)
    {
        _remote = remote;
        _sendStart = Now;
        SendStarted = _sendStart;
        _receiving = new Thread(ReceiveLoop) { IsBackground = true, Name = "caller-rtp-receive" };
        _sending = new Thread(SendLoop) { IsBackground = true, Name = "caller-rtp-send", Priority = ThreadPriority.AboveNormal };
        _receiving.Start();
        _sending.Start();
    }

    /// <summary>
    /// Queues 8 kHz speech to send after whatever is queued. Frames louder than <paramref name="speechLevel"/> dBFS
    /// count as speech for <see cref="CallerUtterance.FirstSpeechSent"/> and <see cref="CallerUtterance.LastSpeechSent"/>.
    /// </summary>
    public CallerUtterance Say(ReadOnlySpan<short> pcm8k, double speechLevel = -40)
    {
        var frames = new short[(pcm8k.Length + FrameSamples - 1) / FrameSamples][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = new short[FrameSamples];
            var chunk = pcm8k.Slice(i * FrameSamples, Math.Min(FrameSamples, pcm8k.Length - (i * FrameSamples)));
            chunk.CopyTo(frames[i]);
        }

        var utterance = new CallerUtterance(frames, speechLevel);
        lock (_gate) _pending.Enqueue(utterance);
        return utterance;
    }

    /// <summary>The bot's audio as one 8 kHz signal, each packet placed by its arrival (gaps filled with silence).</summary>
    public short[] ReceivedAudio()
    {
        var packets = Received;
        if (packets.Count == 0) return [];
        var total = (int)(packets[^1].Arrival.TotalSeconds * 8000) + FrameSamples;
        var audio = new short[total];
        var cursor = 0;
        foreach (var p in packets)
        {
            // Packets that arrive back to back follow each other; a late one starts where its arrival says.
            cursor = Math.Max(cursor, (int)(p.Arrival.TotalSeconds * 8000) - FrameSamples);
            if (cursor + p.Pcm.Length > audio.Length) Array.Resize(ref audio, cursor + p.Pcm.Length);
            p.Pcm.CopyTo(audio, cursor);
            cursor += p.Pcm.Length;
        }

        return audio;
    }

    // A dedicated thread paces the caller, so a busy thread pool in the process under test cannot bunch its packets.
    private void SendLoop()
    {
        var datagram = new byte[RtpPacket.FixedHeaderSize + FrameSamples];
        var payload = new byte[FrameSamples];
        var silence = new short[FrameSamples];
        for (long sent = 0; ; sent++)
        {
            // Absolute deadlines: packet n leaves n * 20 ms after the start, however late the previous one was.
            var wait = _sendStart + (Ptime * sent) - Now;
            if (wait > TimeSpan.Zero && _stop.Token.WaitHandle.WaitOne(wait)) return;
            if (_stop.IsCancellationRequested) return;
            var frame = NextFrame(silence, out var utterance, out var last);
            MuLaw.Encode(frame, payload);
            var header = new RtpHeader(0, unchecked((ushort)sent), unchecked((uint)(sent * FrameSamples)), _ssrc, marker: sent == 0);
            new RtpPacket(header, payload).TryWrite(datagram, out var length);

            // Stamped before the send: a thread preempted after it would stamp the frame later than the bot may
            // already have echoed it, and an echo would then seem to come before the speech it echoes.
            var at = Now;
            try
            {
                _socket.SendTo(datagram.AsSpan(0, length), SocketFlags.None, _remote!);
                Interlocked.Increment(ref _packetsSent);
            }
            catch (SocketException)
            {
                // The bot's port may be gone at the end of the call; the caller keeps its clock regardless.
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (utterance is not null) Track(utterance, frame, last, at);
        }
    }

    private short[] NextFrame(short[] silence, out CallerUtterance? utterance, out bool last)
    {
        lock (_gate)
        {
            if (_current is null && _pending.TryDequeue(out var next))
            {
                _current = next;
                _frameInUtterance = 0;
            }

            utterance = _current;
            last = false;
            if (_current is null) return silence;
            var frame = _current.Frames[_frameInUtterance++];
            if (_frameInUtterance == _current.Frames.Length)
            {
                last = true;
                _current = null;
            }

            return frame;
        }
    }

    private static void Track(CallerUtterance utterance, short[] frame, bool last, TimeSpan now)
    {
        if (AudioLevel.Dbfs(frame) > utterance.SpeechLevel)
        {
            utterance.FirstSpeechSent ??= now;
            utterance.LastSpeechSent = now;
        }

        if (last) utterance.Complete(now);
    }

    // On the system clock the kernel stamps each datagram as it arrives (SO_TIMESTAMPNS), so an arrival is timed by
    // the wire and not by when this thread got a core: on a busy machine that wake-up added 5-10 ms to the bot's
    // measured send jitter. Another time provider (a test's) stamps when the datagram is read.
    private void ReceiveLoop()
    {
        using var batch = new MessageBatch();
        var kernelStamps = _time == TimeProvider.System;
        if (kernelStamps) MessageBatch.EnableTimestamps(_socket);
        while (!_stop.IsCancellationRequested)
        {
            int count;
            try
            {
                if (!_socket.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead)) continue;
                count = batch.Receive(_socket);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or Win32Exception)
            {
                // An ICMP error from an earlier send, reported on this socket.
                continue;
            }

            var now = Now;
            var wallNanoseconds = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
            for (var i = 0; i < count; i++)
            {
                var arrival = now;
                if (kernelStamps && batch.ArrivalNanoseconds(i) is { } stamped)
                {
                    arrival -= TimeSpan.FromTicks(Math.Max(0, wallNanoseconds - stamped) / 100);
                }

                Capture(batch.Datagram(i), arrival);
            }
        }
    }

    private void Capture(ReadOnlySpan<byte> datagram, TimeSpan arrival)
    {
        if (!RtpPacket.TryParse(datagram, out var packet, out _) || packet.Header.PayloadType != 0) return;
        var pcm = new short[packet.Payload.Length];
        MuLaw.Decode(packet.Payload, pcm);
        var captured = new CapturedPacket(arrival, packet.Header.SequenceNumber, packet.Header.Marker, AudioLevel.Dbfs(pcm), pcm);
        lock (_gate) _received.Add(captured);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _sending?.Join();
        _receiving?.Join();
        _socket.Dispose();
        lock (_gate)
        {
            _current?.Abandon();
            foreach (var u in _pending) u.Abandon();
        }

        _stop.Dispose();
    }
}
