using PhoneAgent.Testing.Calls;

namespace PhoneAgent.Integration.Tests.Conversation;

public sealed class WireTimelineTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    // One packet per 20 ms; 'a' is audio, '.' is silence.
    private static List<CapturedPacket> Packets(string pattern) =>
        pattern.Select((c, i) => new CapturedPacket(TimeSpan.FromMilliseconds(20 * i), (ushort)i, false, c == 'a' ? -20 : double.NegativeInfinity, [])).ToList();

    [Fact]
    public void The_last_audio_before_silence_is_the_end_of_the_talkspurt_that_ran_past_the_onset()
    {
        var packets = Packets("aaaaaaaaaa" + new string('.', 20));
        var last = WireTimeline.LastAudioBeforeSilence(packets, TimeSpan.FromMilliseconds(100), Quiet);
        Assert.Equal(9, last!.SequenceNumber);
    }

    [Fact]
    public void Short_pauses_between_words_are_not_silence()
    {
        var packets = Packets("aaaa.....aaaa" + new string('.', 20));
        var last = WireTimeline.LastAudioBeforeSilence(packets, TimeSpan.Zero, Quiet);
        Assert.Equal(12, last!.SequenceNumber);
    }

    [Fact]
    public void A_bot_still_talking_or_silent_too_briefly_has_no_end_yet()
    {
        Assert.Null(WireTimeline.LastAudioBeforeSilence(Packets("aaaaaaaaaa"), TimeSpan.Zero, Quiet));
        Assert.Null(WireTimeline.LastAudioBeforeSilence(Packets("aaaa" + new string('.', 10)), TimeSpan.Zero, Quiet));
        Assert.Null(WireTimeline.LastAudioBeforeSilence(Packets(new string('.', 30)), TimeSpan.Zero, Quiet));
    }

    [Fact]
    public void A_bot_that_stopped_before_the_onset_reports_its_earlier_last_audio()
    {
        var packets = Packets("aaa" + new string('.', 30));
        Assert.Equal(2, WireTimeline.LastAudioBeforeSilence(packets, TimeSpan.FromMilliseconds(200), Quiet)!.SequenceNumber);
    }

    [Fact]
    public void First_audio_and_silence_are_read_from_levels()
    {
        var packets = Packets("....aaa" + new string('.', 16));
        Assert.Equal(4, WireTimeline.FirstAudioAfter(packets, TimeSpan.Zero)!.SequenceNumber);
        Assert.Null(WireTimeline.FirstAudioAfter(packets, TimeSpan.FromMilliseconds(200)));
        Assert.True(WireTimeline.SilentFor(packets, Quiet));
        Assert.False(WireTimeline.SilentFor(packets, TimeSpan.FromMilliseconds(400)));
    }

    [Fact]
    public void Spacing_jitter_is_the_distance_from_the_packet_interval()
    {
        var packets = new[] { 0, 20, 45, 60 }.Select(ms => new CapturedPacket(TimeSpan.FromMilliseconds(ms), 0, false, 0, [])).ToList();
        Assert.Equal([0, 5, 5], WireTimeline.SpacingJitterMilliseconds(packets, TimeSpan.FromMilliseconds(20)).Select(j => Math.Round(j, 6)));
    }
}
