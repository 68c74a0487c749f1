using PhoneAgent.Pipeline.Audio;

namespace PhoneAgent.Pipeline.Vad;

/// <summary>
/// A cheap speech-onset detector for barge-in: it scores each 20 ms frame on its own, so it reacts within the frame
/// that holds an onset (or the next one when the onset falls in a frame's last 5 ms), where a neural VAD needs windows
/// and smoothing. It over-fires on loud non-speech (a door, a cough); the pipeline confirms its onsets with Silero.
/// </summary>
/// <remarks>
/// <para>
/// The score compares the in-band level of the audio with an adaptive noise floor:
/// </para>
/// <list type="bullet">
/// <item>A 200 Hz high-pass removes what is not voice before any level is measured: DC, mains hum (50/60 Hz) and its
/// first harmonics, and handling rumble. Telephone speech has little energy below 300 Hz (the band is 300–3400 Hz).</item>
/// <item>Levels are measured over 5 ms blocks. The level scored is the lowest of the frame's last three blocks, so a rise
/// must last 15 ms: clicks and pops, which are over within a few milliseconds, never score. An onset in the frame's
/// first 5 ms scores in that frame, a later one in the next.</item>
/// <item>The noise floor is the lowest block level over the last second ("minimum statistics", R. Martin, IEEE Trans.
/// Speech and Audio Processing 9(5), 2001): the pauses between words reach down to it, so it follows steady noise
/// such as hum, fans or line hiss within a second, yet speech does not drag it up. As Martin smooths before taking
/// the minimum, a dip must last two frames to count, so a lone quiet moment (noise fading in, a concealed lost
/// packet) cannot pull the floor down for a whole second. Taking both the score and the floor as block minima
/// compares like with like: a voice's level dips between pitch pulses and a hum's within its period, and the dips
/// cancel out.</item>
/// <item>Blocks without signal (digital silence, codec DTX) below <see cref="NoSignalDb"/> are left out of the floor, so
/// line noise that starts after silence is learned instead of reported. After such silence and before any floor is
/// learned, the floor is assumed at <see cref="MinimumLevelDb"/>, so speech out of silence still scores; a call whose
/// audio starts with signal has nothing to compare its first frames with, and the first two score 0. Nothing quieter
/// than <see cref="MinimumLevelDb"/> ever scores.</item>
/// </list>
/// <para>The probability is a logistic of the sustained level above the floor: 0.5 at 9 dB, above 0.9 from 12.3 dB.</para>
/// </remarks>
public sealed class EnergyOnsetDetector : IVoiceActivityDetector
{
    /// <summary>dBFS (RMS, in band) below which a block carries no signal and does not feed the noise floor.</summary>
    public const double NoSignalDb = -80;

    /// <summary>dBFS (RMS, in band) below which nothing counts as speech, however quiet the floor.</summary>
    public const double MinimumLevelDb = -55;

    /// <summary>Level above the noise floor, in dB, at which the probability is 0.5.</summary>
    public const double OnsetDb = 9;

    private const double SlopeDb = 1.5;
    private const double CutoffHz = 200;
    private const int BlockSamples = PipelineAudio.SampleRate / 200;
    private const int FrameBlocks = PipelineAudio.FrameSamples / BlockSamples;
    private const int SustainBlocks = 3;
    private const int FloorFrames = 50;
    private const double FullScaleSquared = 32768.0 * 32768.0;

    private readonly HighPassFilter _filter = new(CutoffHz, PipelineAudio.SampleRate);
    private readonly double[] _floorLevels = new double[FloorFrames];
    private int _floorCount;
    private int _floorNext;
    private bool _sawNoSignal;
    private double? _previousQuietest;
    private int _disposed;

    /// <inheritdoc />
    public string Name => "energy";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The frame is not <see cref="PipelineAudio.FrameSamples"/> samples long.</exception>
    /// <exception cref="ObjectDisposedException">The detector was disposed.</exception>
    public float Process(ReadOnlySpan<short> frame)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (frame.Length != PipelineAudio.FrameSamples)
        {
            throw new ArgumentException(
                $"A frame must hold {PipelineAudio.FrameSamples} samples (20 ms at {PipelineAudio.SampleRate} Hz); got {frame.Length}.",
                nameof(frame));
        }

        var sustained = double.MaxValue;
        var quietest = double.MaxValue;
        for (var block = 0; block < FrameBlocks; block++)
        {
            double blockEnergy = 0;
            foreach (var sample in frame.Slice(block * BlockSamples, BlockSamples))
            {
                var y = _filter.Next(sample);
                blockEnergy += y * y;
            }

            var blockLevel = Decibels(blockEnergy / BlockSamples);
            if (blockLevel >= NoSignalDb)
            {
                quietest = Math.Min(quietest, blockLevel);
            }
            else
            {
                _sawNoSignal = true;
            }

            if (block >= FrameBlocks - SustainBlocks)
            {
                sustained = Math.Min(sustained, blockLevel);
            }
        }

        var floor = NoiseFloor();
        var probability = sustained < MinimumLevelDb || floor is null ? 0f : Logistic((sustained - floor.Value - OnsetDb) / SlopeDb);
        double? current = quietest < double.MaxValue ? quietest : null;
        if (current is not null && _previousQuietest is not null)
        {
            _floorLevels[_floorNext] = Math.Max(current.Value, _previousQuietest.Value);
            _floorNext = (_floorNext + 1) % FloorFrames;
            _floorCount = Math.Min(_floorCount + 1, FloorFrames);
        }

        _previousQuietest = current;

        return probability;
    }

    /// <inheritdoc />
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _filter.Reset();
        _floorCount = 0;
        _floorNext = 0;
        _sawNoSignal = false;
        _previousQuietest = null;
    }

    /// <summary>Marks the detector unusable; it holds no native resources.</summary>
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);

    private double? NoiseFloor()
    {
        if (_floorCount == 0)
        {
            return _sawNoSignal ? MinimumLevelDb : null;
        }

        var floor = double.MaxValue;
        foreach (var level in _floorLevels.AsSpan(0, _floorCount))
        {
            floor = Math.Min(floor, level);
        }

        return floor;
    }

    private static double Decibels(double meanSquare) => 10 * Math.Log10(meanSquare / FullScaleSquared + 1e-12);

    private static float Logistic(double x) => (float)(1 / (1 + Math.Exp(-x)));
}
