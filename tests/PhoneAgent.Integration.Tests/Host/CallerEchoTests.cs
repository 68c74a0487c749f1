using System.Threading.Channels;
using PhoneAgent.Host.Calls;
using PhoneAgent.Sip.Media.Codecs;
using PhoneAgent.Sip.Media.Rtp;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// Echo mode keeps to the wall clock: a backlog of the caller's frames, left by a consumer that woke late, is cut to
/// the newest few instead of delaying the rest of the call's echo by the stall.
/// </summary>
public sealed class CallerEchoTests : IDisposable
{
    private const int FrameSamples = 320;
    private readonly IAudioCodec _codec = AudioCodecFactory.Create("PCMU");
    private readonly List<double> _sentLevels = [];
    private readonly PacedSender _sender;

    public CallerEchoTests() => _sender = new PacedSender(_codec, new PacedSenderOptions { PayloadType = 0 }, Capture);

    public void Dispose() => _codec.Dispose();

    [Fact]
    public async Task A_burst_left_by_a_stall_is_cut_to_the_backlog_keeping_the_newest_frames()
    {
        var echo = new CallerEcho(_sender, maxBacklogFrames: 3);
        var frames = Channel.CreateUnbounded<short[]>();
        for (var i = 1; i <= 10; i++) frames.Writer.TryWrite(Frame(100 * i));
        frames.Writer.Complete();

        await echo.RunAsync(frames.Reader, CancellationToken.None);

        Assert.Equal(7, echo.FramesDropped);
        Assert.Equal(3 * FrameSamples, _sender.QueuedSamples);
        for (var tick = 0; tick < 4; tick++) _sender.Tick(tick);

        // Frames 8, 9 and 10 (levels 800-1000) go out, then silence: the seven older ones were dropped.
        Assert.InRange(_sentLevels[1], 850, 950);
        Assert.InRange(_sentLevels[2], 950, 1050);
        Assert.Equal(0, _sentLevels[3]);
    }

    [Fact]
    public void Frames_that_arrive_one_per_tick_are_all_echoed_without_delay()
    {
        var echo = new CallerEcho(_sender, maxBacklogFrames: 3);
        for (var tick = 0; tick < 50; tick++)
        {
            echo.Play(Frame(1000), waitingBehind: 0);
            _sender.Tick(tick);
            Assert.Equal(0, _sender.QueuedSamples);
        }

        Assert.Equal(0, echo.FramesDropped);
        Assert.Equal(50, _sentLevels.Count);
    }

    [Fact]
    public void Frames_the_sender_still_holds_count_towards_the_backlog()
    {
        var echo = new CallerEcho(_sender, maxBacklogFrames: 3);

        // The clock skipped sending for a while: nothing left the sender's queue.
        for (var i = 0; i < 5; i++) echo.Play(Frame(1000), waitingBehind: 0);

        Assert.Equal(2, echo.FramesDropped);
        Assert.Equal(3 * FrameSamples, _sender.QueuedSamples);
    }

    private static short[] Frame(int level) => Enumerable.Repeat((short)level, FrameSamples).ToArray();

    private void Capture(ReadOnlySpan<byte> datagram)
    {
        Assert.True(RtpPacket.TryParse(datagram, out var packet, out _));
        var pcm = new short[packet.Payload.Length];
        MuLaw.Decode(packet.Payload, pcm);

        // The second half of the 8 kHz frame: past the resampler's transient from the previous frame's level.
        _sentLevels.Add(pcm[(pcm.Length / 2)..].Average(s => (double)s));
    }
}
