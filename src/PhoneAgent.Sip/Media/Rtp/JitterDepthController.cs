namespace PhoneAgent.Sip.Media.Rtp;

/// <summary>
/// Decides how deep an <see cref="AdaptiveJitterBuffer"/> should be and when it may move towards that depth: the
/// target comes from the measured transit spread, growth is asked for after a late packet, and shrinking waits for a
/// whole interval in which the buffer never needed its extra frame.
/// </summary>
internal sealed class JitterDepthController
{
    // A transit change beyond this is a timestamp discontinuity rather than network jitter any buffer could absorb.
    private static readonly TimeSpan Discontinuity = TimeSpan.FromSeconds(1);

    private readonly JitterEstimator _estimator;
    private readonly int _samplesPerFrame;
    private readonly int _minFrames;
    private readonly int _initialFrames;
    private readonly int _shrinkTicks;
    private int _intervalTicks;
    private int _intervalMinSpan = int.MaxValue;
    private bool _growPending;

    public JitterDepthController(JitterBufferOptions options)
    {
        var frame = options.FrameDuration;
        _samplesPerFrame = options.SamplesPerFrame;
        _minFrames = Math.Max(1, (int)Math.Ceiling(options.MinimumDepth / frame));
        MaxFrames = Math.Max(_minFrames, (int)(options.MaximumDepth / frame));
        _initialFrames = Math.Clamp((int)Math.Ceiling(options.InitialDepth / frame), _minFrames, MaxFrames);
        _shrinkTicks = (int)(options.ShrinkInterval / frame);
        _estimator = new JitterEstimator((int)(options.JitterWindow / frame), Discontinuity.Ticks * options.ClockRate / TimeSpan.TicksPerSecond);
    }

    /// <summary>The deepest the buffer may be, in frames.</summary>
    public int MaxFrames { get; }

    /// <summary>
    /// One frame plus the transit spread, rounded up to whole frames and clamped to the configured range. Until a
    /// full window has been measured the initial depth is a floor, so a call does not start on a guess of zero jitter.
    /// </summary>
    public int TargetFrames
    {
        get
        {
            var frames = 1 + (int)Math.Ceiling((double)_estimator.Spread / _samplesPerFrame);
            if (!_estimator.IsFull)
            {
                frames = Math.Max(frames, _initialFrames);
            }

            return Math.Clamp(frames, _minFrames, MaxFrames);
        }
    }

    /// <summary>Forgets everything measured: the stream changed source or jumped.</summary>
    public void Reset()
    {
        _estimator.Reset();
        _growPending = false;
        StartInterval();
    }

    /// <summary>Measures a packet's transit time (both arguments in RTP clock ticks).</summary>
    public void OnArrival(uint timestamp, uint arrivalTicks) => _estimator.Add(timestamp, arrivalTicks);

    /// <summary>A packet arrived after its playout time: the buffer should be deeper.</summary>
    public void OnLate() => _growPending = true;

    /// <summary>Playout (re)starts at the target depth, which settles any pending adjustment.</summary>
    public void OnPlayoutStarted()
    {
        _growPending = false;
        StartInterval();
    }

    /// <summary>Whether to insert one concealed frame now, deepening the buffer after a late packet.</summary>
    public bool ShouldGrow(int span)
    {
        if (!_growPending)
        {
            return false;
        }

        _growPending = false;
        return span < TargetFrames;
    }

    /// <summary>
    /// Called once per tick with the frames waiting; true at the end of an interval in which the buffer always held
    /// more than the target, meaning one frame can be dropped without the buffer having run dry.
    /// </summary>
    public bool ShouldShrink(int span)
    {
        _intervalMinSpan = Math.Min(_intervalMinSpan, span);
        if (++_intervalTicks < _shrinkTicks)
        {
            return false;
        }

        var shrink = _intervalMinSpan > TargetFrames;
        StartInterval();
        return shrink;
    }

    private void StartInterval()
    {
        _intervalTicks = 0;
        _intervalMinSpan = int.MaxValue;
    }
}
