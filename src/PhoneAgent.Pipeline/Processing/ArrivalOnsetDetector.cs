using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Barge-in's fast ear: scores the caller's audio as the port receives it, ahead of the jitter buffer, with a fast
/// onset detector of its own, and tells the <see cref="BargeInController"/> the moment a frame rises above the onset
/// threshold. The frame path (<see cref="InputProcessor"/>) still decides, a buffer's depth later, whether that onset
/// was speech; this only moves the pause earlier.
/// </summary>
/// <remarks>
/// Packets of any length are gathered into 20 ms frames, as the detector scores. Only a rise (a frame above the
/// threshold after one below) is reported, so a caller talking on does not re-pause every frame. Runs on the port's
/// receive path, so it does nothing that can block: a detector that throws is logged once and then left alone.
/// </remarks>
internal sealed class ArrivalOnsetDetector(IVoiceActivityDetector detector, float threshold, BargeInController bargeIn, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly short[] _frame = new short[PipelineAudio.FrameSamples];
    private int _filled;
    private bool _above;
    private bool _failed;
    private bool _closed;

    /// <summary>Takes one arriving packet's audio (the port's <see cref="CallerAudioArrived"/> listener).</summary>
    public void OnArrival(ReadOnlySpan<short> pcm)
    {
        lock (_gate)
        {
            while (!pcm.IsEmpty && !_failed && !_closed)
            {
                var taken = Math.Min(pcm.Length, _frame.Length - _filled);
                pcm[..taken].CopyTo(_frame.AsSpan(_filled));
                pcm = pcm[taken..];
                _filled += taken;
                if (_filled < _frame.Length) return;
                _filled = 0;
                var above = Score() >= threshold;
                if (above && !_above) bargeIn.OnEarlyOnset();
                _above = above;
            }
        }
    }

    /// <summary>
    /// Stops scoring, after any packet being scored on the receive thread right now: removing the port's listener
    /// does not stop a call already in flight, and the detector is disposed once the call ends.
    /// </summary>
    public void Close()
    {
        lock (_gate) _closed = true;
    }

    private float Score()
    {
        try
        {
            return detector.Process(_frame);
        }
        catch (Exception e)
        {
            // Barge-in falls back to the frame path, which hears the same onset a buffer's depth later.
            _failed = true;
            logger.LogError(e, "Arrival onset detector {Vad} failed; barge-in waits for the jitter buffer from now on", detector.Name);
            return 0;
        }
    }
}
