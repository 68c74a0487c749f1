using PhoneAgent.Sip.Media.Session;
using PhoneAgent.Testing;

namespace PhoneAgent.Sip.Tests.Media.Session;

public class MediaTickerTests
{
    [Fact]
    public void Ticks_fall_on_absolute_deadlines_without_drift()
    {
        var time = new ManualTimeProvider();
        var start = time.GetTimestamp();
        var at = new List<(long Index, long Ticks)>();
        using var ticker = new MediaTicker(time, TimeSpan.FromMilliseconds(20), k => at.Add((k, time.GetTimestamp() - start)));
        ticker.Start();

        // Odd step sizes so that deadlines fall between advances.
        for (var i = 0; i < 1000; i++) time.Advance(TimeSpan.FromMilliseconds(7));

        Assert.Equal(351, at.Count);
        for (var k = 0; k < at.Count; k++)
        {
            Assert.Equal(k, at[k].Index);
            Assert.Equal(TimeSpan.FromMilliseconds(20 * k).Ticks, at[k].Ticks);
        }

        Assert.Equal(0, ticker.LateTicks);
        Assert.Equal(0, ticker.SkippedTicks);
    }

    [Fact]
    public void A_late_wake_up_catches_up_a_few_ticks_then_skips_the_rest()
    {
        var time = new SteppedTimeProvider();
        var indices = new List<long>();
        using var ticker = new MediaTicker(time, TimeSpan.FromMilliseconds(20), indices.Add, maxCatchUpTicks: 3);
        ticker.Start();
        time.FireAt(TimeSpan.Zero);
        time.FireAt(TimeSpan.FromMilliseconds(20));

        // A 200 ms stall: tick 11 is due, 8, 9 and 10 run late before it, 2 to 7 are skipped.
        time.FireAt(TimeSpan.FromMilliseconds(225));
        Assert.Equal(TimeSpan.FromMilliseconds(15), time.Due);
        time.FireAt(TimeSpan.FromMilliseconds(240));

        Assert.Equal([0, 1, 8, 9, 10, 11, 12], indices);
        Assert.Equal(3, ticker.LateTicks);
        Assert.Equal(6, ticker.SkippedTicks);
    }

    [Fact]
    public void Dispose_stops_the_timer()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var ticker = new MediaTicker(time, TimeSpan.FromMilliseconds(20), _ => count++);
        ticker.Start();
        time.Advance(TimeSpan.FromMilliseconds(40));
        ticker.Dispose();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, count);
        Assert.Equal(0, time.ActiveTimerCount);
    }
}
