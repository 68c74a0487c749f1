namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Measures how much playout delay a stream needs: over a sliding window of recent packets, the spread between the
/// fastest and slowest transit time (arrival minus RTP timestamp, in clock ticks). A packet that took that much longer
/// than the fastest one still plays on time if the buffer is that deep. The largest spread is used rather than a
/// percentile: a buffer that ignores a burst drops the same burst again next time, and the window forgetting it is
/// what lets the depth shrink slowly afterwards.
/// </summary>
internal sealed class JitterEstimator
{
    private readonly int[] _delays;
    private readonly long _discontinuityTicks;
    private int _count;
    private int _next;
    private bool _hasReference;
    private uint _reference;

    /// <param name="windowPackets">How many recent packets to remember.</param>
    /// <param name="discontinuityTicks">A transit change larger than this is a timestamp jump, not jitter.</param>
    public JitterEstimator(int windowPackets, long discontinuityTicks)
    {
        _delays = new int[windowPackets];
        _discontinuityTicks = discontinuityTicks;
    }

    /// <summary>Whether a whole window has been measured, so the spread can be trusted.</summary>
    public bool IsFull => _count == _delays.Length;

    /// <summary>The spread of transit times over the window, in clock ticks.</summary>
    public int Spread
    {
        get
        {
            if (_count == 0)
            {
                return 0;
            }

            int min = int.MaxValue, max = int.MinValue;
            for (var i = 0; i < _count; i++)
            {
                min = Math.Min(min, _delays[i]);
                max = Math.Max(max, _delays[i]);
            }

            return max - min;
        }
    }

    public void Reset()
    {
        _count = 0;
        _next = 0;
        _hasReference = false;
    }

    /// <param name="timestamp">The packet's RTP timestamp.</param>
    /// <param name="arrival">Its arrival time in the same clock's ticks.</param>
    public void Add(uint timestamp, uint arrival)
    {
        // Transit is kept relative to the first packet's, so the values stay small and the 32-bit wrap of both
        // timestamp and arrival cancels out.
        var transit = arrival - timestamp;
        if (!_hasReference)
        {
            _reference = transit;
            _hasReference = true;
        }

        var relative = (int)(transit - _reference);
        if (Math.Abs((long)relative) > _discontinuityTicks)
        {
            // A mixer or B2BUA spliced in a new timestamp base without changing SSRC: start measuring afresh.
            Reset();
            _reference = transit;
            _hasReference = true;
            relative = 0;
        }

        _delays[_next] = relative;
        _next = (_next + 1) % _delays.Length;
        _count = Math.Min(_count + 1, _delays.Length);
    }
}
