using PhoneAgent.Sip.Media.Rtp;

namespace PhoneAgent.Sip.Tests.Media.Rtp;

public sealed class RtpReceiverStatisticsTests
{
    private const int Frame = 160;

    [Fact]
    public void A_source_is_valid_after_two_packets_in_sequence()
    {
        var stats = new RtpReceiverStatistics(1);

        Assert.False(stats.Update(1000, 0, 0));
        Assert.False(stats.IsValidated);
        Assert.True(stats.Update(1001, Frame, Frame));

        Assert.True(stats.IsValidated);
        Assert.Equal(1u, stats.PacketsReceived);
        Assert.Equal(1, stats.PacketsExpected);
        Assert.Equal(1001u, stats.ExtendedHighestSequenceNumber);
    }

    [Fact]
    public void Probation_restarts_when_the_second_packet_is_out_of_sequence()
    {
        var stats = new RtpReceiverStatistics(1);

        Assert.False(stats.Update(10, 0, 0));
        Assert.False(stats.Update(50, 0, 0));
        Assert.True(stats.Update(51, 0, 0));

        Assert.Equal(51u, stats.ExtendedHighestSequenceNumber);
    }

    [Fact]
    public void An_unvalidated_source_reports_nothing_lost()
    {
        var stats = new RtpReceiverStatistics(9);
        stats.Update(5, 0, 0);

        var block = stats.CreateReportBlock(TimeSpan.Zero);

        Assert.Equal(0, block.CumulativeLost);
        Assert.Equal(0, block.FractionLost);
        Assert.Equal(9u, block.Ssrc);
    }

    [Fact]
    public void Loss_gives_cumulative_and_fraction_lost()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 0, 2);

        // 1..100 expected; every tenth (10, 20, ... 100) is lost: 90 of 100 arrive.
        for (ushort seq = 2; seq <= 100; seq++)
        {
            if (seq % 10 != 0)
            {
                stats.Update(seq, (uint)(seq * Frame), (uint)(seq * Frame));
            }
        }

        var block = stats.CreateReportBlock(TimeSpan.Zero);

        Assert.Equal(99u, block.ExtendedHighestSequenceNumber);
        Assert.Equal(99, stats.PacketsExpected);
        Assert.Equal(9, block.CumulativeLost);
        Assert.Equal(9 * 256 / 99, block.FractionLost);
    }

    [Fact]
    public void Fraction_lost_covers_only_the_interval_since_the_last_report()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 0, 2);
        for (ushort seq = 2; seq <= 20; seq += 2)
        {
            stats.Update(seq, 0, 0);
        }

        Assert.NotEqual(0, stats.CreateReportBlock(TimeSpan.Zero).FractionLost);
        for (ushort seq = 21; seq <= 40; seq++)
        {
            stats.Update(seq, 0, 0);
        }

        var second = stats.CreateReportBlock(TimeSpan.Zero);
        Assert.Equal(0, second.FractionLost);
        Assert.Equal(9, second.CumulativeLost);
    }

    [Fact]
    public void Sequence_wrap_65535_to_0_counts_a_cycle()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 65530, 6);

        Assert.True(stats.Update(0, 0, 0));
        Assert.True(stats.Update(1, 0, 0));

        Assert.Equal(65536u + 1, stats.ExtendedHighestSequenceNumber);
        Assert.Equal(7, stats.PacketsExpected);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Reordered_packet_across_the_wrap_does_not_count_a_cycle()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 65533, 3);
        stats.Update(1, 0, 0);

        Assert.True(stats.Update(0, 0, 0));

        Assert.Equal(65536u + 1, stats.ExtendedHighestSequenceNumber);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void Duplicates_make_cumulative_loss_negative()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 100, 5);
        stats.Update(104, 0, 0);
        stats.Update(104, 0, 0);

        Assert.Equal(-2, stats.CreateReportBlock(TimeSpan.Zero).CumulativeLost);
    }

    [Fact]
    public void A_big_jump_is_ignored_until_the_next_packet_confirms_it()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 100, 10);

        Assert.False(stats.Update(30_000, 0, 0));
        Assert.Equal(109u, stats.ExtendedHighestSequenceNumber);
        Assert.True(stats.Update(30_001, 0, 0));

        Assert.Equal(30_001u, stats.ExtendedHighestSequenceNumber);
        Assert.Equal(1, stats.PacketsExpected);
        Assert.Equal(1u, stats.PacketsReceived);
    }

    [Fact]
    public void Constant_transit_time_means_zero_jitter()
    {
        var stats = new RtpReceiverStatistics(1);
        for (var i = 0; i < 50; i++)
        {
            stats.Update((ushort)i, (uint)(i * Frame), (uint)((i * Frame) + 12345));
        }

        Assert.Equal(0u, stats.Jitter);
    }

    [Fact]
    public void Jitter_converges_on_the_transit_variation()
    {
        var stats = new RtpReceiverStatistics(1);

        // Every other packet arrives 80 ticks (10 ms at 8 kHz) late, so |D| is 80 for every pair.
        for (var i = 0; i < 500; i++)
        {
            var arrival = (i * Frame) + (i % 2 == 0 ? 0 : 80);
            stats.Update((ushort)i, (uint)(i * Frame), (uint)arrival);
        }

        Assert.InRange(stats.Jitter, 75u, 80u);
    }

    [Fact]
    public void Jitter_survives_timestamp_and_arrival_wrap()
    {
        var stats = new RtpReceiverStatistics(1);
        var start = uint.MaxValue - (10 * Frame);
        for (var i = 0; i < 40; i++)
        {
            var timestamp = unchecked(start + (uint)(i * Frame));
            stats.Update((ushort)i, timestamp, unchecked(timestamp + 7));
        }

        Assert.Equal(0u, stats.Jitter);
    }

    [Fact]
    public void LSR_and_DLSR_come_from_the_last_sender_report()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 0, 3);
        stats.OnSenderReport(0x0001_2345_6789_0000, TimeSpan.FromSeconds(10));

        var block = stats.CreateReportBlock(TimeSpan.FromSeconds(10.5));

        Assert.Equal(0x2345_6789u, block.LastSenderReport);
        Assert.Equal(32768u, block.DelaySinceLastSenderReport);
    }

    [Fact]
    public void Without_a_sender_report_LSR_and_DLSR_are_zero()
    {
        var stats = new RtpReceiverStatistics(1);
        Feed(stats, 0, 3);

        var block = stats.CreateReportBlock(TimeSpan.FromSeconds(3));

        Assert.Equal(0u, block.LastSenderReport);
        Assert.Equal(0u, block.DelaySinceLastSenderReport);
    }

    [Fact]
    public void NTP_time_conversions()
    {
        // The Unix epoch is 2,208,988,800 s after the NTP epoch; half a second is 2^31 in the fraction.
        var unixEpochPlusHalf = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(500);

        Assert.Equal(0x83AA7E80_80000000UL, NtpTime.FromDateTimeOffset(unixEpochPlusHalf));
        Assert.Equal(0x7E80_8000u, NtpTime.ToCompact(0x83AA7E80_80000000UL));
        Assert.Equal(65536u, NtpTime.ToCompactDuration(TimeSpan.FromSeconds(1)));
        Assert.Equal(0u, NtpTime.ToCompactDuration(TimeSpan.FromSeconds(-1)));
        Assert.Equal(uint.MaxValue, NtpTime.ToCompactDuration(TimeSpan.FromDays(2)));
        Assert.Equal(uint.MaxValue, NtpTime.ToCompactDuration(TimeSpan.MaxValue));
    }

    private static void Feed(RtpReceiverStatistics stats, ushort first, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var seq = (ushort)(first + i);
            stats.Update(seq, (uint)(i * Frame), (uint)(i * Frame));
        }
    }
}
