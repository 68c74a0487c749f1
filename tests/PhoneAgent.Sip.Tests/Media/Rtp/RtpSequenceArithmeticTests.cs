using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class RtpSequenceArithmeticTests
{
    [Theory]
    [InlineData(65535, 0, 1)]
    [InlineData(0, 65535, -1)]
    [InlineData(65530, 5, 11)]
    [InlineData(5, 65530, -11)]
    [InlineData(100, 100, 0)]
    [InlineData(0, 32767, 32767)]
    [InlineData(0, 32768, -32768)]
    public void Sequence_delta_wraps_naturally(int from, int to, int delta)
    {
        Assert.Equal(delta, RtpSequenceNumber.Delta((ushort)from, (ushort)to));
    }

    [Fact]
    public void Zero_is_newer_than_65535()
    {
        Assert.True(RtpSequenceNumber.IsNewer(0, 65535));
        Assert.False(RtpSequenceNumber.IsNewer(65535, 0));
        Assert.False(RtpSequenceNumber.IsNewer(7, 7));
    }

    [Fact]
    public void Extended_sequence_counts_cycles_across_the_wrap()
    {
        long extended = 65534;
        foreach (var seq in new ushort[] { 65535, 0, 1 })
        {
            extended = RtpSequenceNumber.Extend(seq, extended);
        }

        Assert.Equal(65536 + 1, extended);

        // A straggler from before the wrap lands back in the first cycle.
        Assert.Equal(65535, RtpSequenceNumber.Extend(65535, extended));
    }

    [Fact]
    public void Extended_sequence_works_many_cycles_in()
    {
        var reference = (3L << 16) + 65535;

        Assert.Equal((4L << 16) + 2, RtpSequenceNumber.Extend(2, reference));
        Assert.Equal((3L << 16) + 65000, RtpSequenceNumber.Extend(65000, reference));
    }

    [Theory]
    [InlineData(uint.MaxValue, 0u, 1)]
    [InlineData(0u, uint.MaxValue, -1)]
    [InlineData(4294967136u, 160u, 320)]
    public void Timestamp_delta_wraps_naturally(uint from, uint to, int delta)
    {
        Assert.Equal(delta, RtpTimestamp.Delta(from, to));
    }

    [Fact]
    public void Timestamp_after_the_32_bit_wrap_is_newer()
    {
        Assert.True(RtpTimestamp.IsNewer(80, 4294967216u));
        Assert.Equal(4294967296L + 80, RtpTimestamp.Extend(80, 4294967216L));
    }

    [Fact]
    public void Elapsed_time_converts_to_clock_ticks_and_back()
    {
        Assert.Equal(160u, RtpTimestamp.FromElapsed(TimeSpan.FromMilliseconds(20), 8000));
        Assert.Equal(960u, RtpTimestamp.FromElapsed(TimeSpan.FromMilliseconds(20), 48000));
        Assert.Equal(TimeSpan.FromMilliseconds(20), RtpTimestamp.ToTimeSpan(160, 8000));

        // 2^32 ticks at 8 kHz is about 6.2 days; the conversion wraps like a timestamp does.
        var wrap = TimeSpan.FromTicks(4294967296L * TimeSpan.TicksPerSecond / 8000);
        Assert.Equal(160u, RtpTimestamp.FromElapsed(wrap + TimeSpan.FromMilliseconds(20), 8000));
    }
}
