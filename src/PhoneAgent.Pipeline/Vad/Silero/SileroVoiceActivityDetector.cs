using System.Runtime.InteropServices;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Vad.Onnx;

namespace PhoneAgent.Pipeline.Vad.Silero;

/// <summary>
/// Scores a call's audio with Silero VAD v5: a per-window speech probability straight from the model, without the
/// onset smoothing of sherpa-onnx's detector (which reports speech only after its minimum duration).
/// </summary>
/// <remarks>
/// The model scores 512-sample (32 ms) windows, so 20 ms frames are gathered until a window is full: a frame
/// completes at most one window, five in every eight frames complete one, and the score returned is that of the
/// latest complete window, at most 12 ms old. Each window is preceded by the last 64 samples of the one before and
/// carries the LSTM state forward, as the model was trained. Inference runs on the calling thread and allocates
/// nothing: the tensors wrap pinned buffers owned by this instance.
/// <para>A window without signal (RMS below <see cref="EnergyOnsetDetector.NoSignalDb"/>: digital silence, a muted
/// phone, codec DTX) is not run: it scores 0 and the LSTM state becomes the one the model settles in on digital
/// silence (<see cref="SileroVadModel.SilenceState"/>), about where running it would have left it. A caller
/// listening in digital silence is most of a call, and the model was a seventh of the host's CPU at 40 conversing
/// calls (perf); nothing that quiet can be speech, which the energy detector never reports either. Starting speech
/// from the all-zero state instead, as at a call's first window, confirmed onsets later: the turn detector rejected
/// 47 of 768 onsets of the script's 48 flite questions through G.711 after a second of silence, at 16 alignments to
/// the windows, against 11 from the settled state (SileroVoiceActivityDetectorTests), and a barge-in so rejected
/// resumed the bot for half a second (bench/conversation).</para>
/// </remarks>
public sealed unsafe class SileroVoiceActivityDetector : IVoiceActivityDetector
{
    private const int InputLength = SileroVadModel.ContextSamples + SileroVadModel.WindowSamples;

    // The window's sum of squares (full scale = 1) below which it carries no signal.
    private static readonly float NoSignalEnergy = (float)(SileroVadModel.WindowSamples * Math.Pow(10, EnergyOnsetDetector.NoSignalDb / 10));

    private readonly SileroVadModel _model;
    private readonly float[] _input = GC.AllocateArray<float>(InputLength, pinned: true);
    private readonly float[] _state = GC.AllocateArray<float>(SileroVadModel.StateLength, pinned: true);
    private readonly long[] _sampleRate = GC.AllocateArray<long>(1, pinned: true);
    private readonly float[] _probability = GC.AllocateArray<float>(1, pinned: true);
    private readonly float[] _nextState = GC.AllocateArray<float>(SileroVadModel.StateLength, pinned: true);
    private readonly OrtHandle[] _values;
    private readonly IntPtr[] _inputValues = GC.AllocateArray<IntPtr>(3, pinned: true);
    private readonly IntPtr[] _outputValues = GC.AllocateArray<IntPtr>(2, pinned: true);
    private int _buffered;
    private float _latest;
    private int _disposed;

    /// <summary>Creates a detector for one call that runs <paramref name="model"/>.</summary>
    public SileroVoiceActivityDetector(SileroVadModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _sampleRate[0] = PipelineAudio.SampleRate;
        long[] stateShape = [2, 1, 128];
        _values = new OrtHandle[5];
        try
        {
            _values[0] = model.CreateTensor(_input, [1, InputLength]);
            _values[1] = model.CreateTensor(_state, stateShape);
            _values[2] = model.CreateTensor(_sampleRate, []);
            _values[3] = model.CreateTensor(_probability, [1, 1]);
            _values[4] = model.CreateTensor(_nextState, stateShape);
        }
        catch
        {
            DisposeValues();
            throw;
        }

        for (var i = 0; i < _inputValues.Length; i++)
        {
            _inputValues[i] = _values[i].DangerousGetHandle();
        }

        for (var i = 0; i < _outputValues.Length; i++)
        {
            _outputValues[i] = _values[_inputValues.Length + i].DangerousGetHandle();
        }
    }

    /// <inheritdoc />
    public string Name => "silero";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The frame is not <see cref="PipelineAudio.FrameSamples"/> samples long.</exception>
    /// <exception cref="ObjectDisposedException">This detector or its model was disposed.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime failed to run the model.</exception>
    public float Process(ReadOnlySpan<short> frame)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (frame.Length != PipelineAudio.FrameSamples)
        {
            throw new ArgumentException(
                $"A frame must hold {PipelineAudio.FrameSamples} samples (20 ms at {PipelineAudio.SampleRate} Hz); got {frame.Length}.",
                nameof(frame));
        }

        foreach (var sample in frame)
        {
            _input[SileroVadModel.ContextSamples + _buffered++] = sample / 32768f;
            if (_buffered == SileroVadModel.WindowSamples)
            {
                CompleteWindow();
            }
        }

        return _latest;
    }

    /// <inheritdoc />
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Array.Clear(_input);
        Array.Clear(_state);
        _buffered = 0;
        _latest = 0;
    }

    /// <summary>Windows completed so far that carried no signal and were not run through the model.</summary>
    internal long SilentWindows { get; private set; }

    /// <summary>Releases the tensors; the shared model stays loaded.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            DisposeValues();
        }
    }

    private void CompleteWindow()
    {
        float energy = 0;
        foreach (var x in _input.AsSpan(SileroVadModel.ContextSamples)) energy += x * x;
        if (energy < NoSignalEnergy)
        {
            SilentWindows++;
            _latest = 0;
            _model.SilenceState.CopyTo(_state);
        }
        else
        {
            RunWindow();
            _latest = _probability[0];
        }

        _input.AsSpan(InputLength - SileroVadModel.ContextSamples).CopyTo(_input);
        _buffered = 0;
    }

    /// <summary>The LSTM state <paramref name="model"/> reaches from the zero state over <paramref name="windows"/> windows of digital silence.</summary>
    internal static float[] SettleOnSilence(SileroVadModel model, int windows)
    {
        using var detector = new SileroVoiceActivityDetector(model);
        for (var i = 0; i < windows; i++) detector.RunWindow();
        return [.. detector._state];
    }

    /// <summary>Runs the model on the buffered window and carries its LSTM state forward to the next one.</summary>
    private void RunWindow()
    {
        fixed (IntPtr* inputs = _inputValues, outputs = _outputValues)
        {
            _model.Run(inputs, outputs);
        }

        _nextState.CopyTo(_state.AsSpan());
    }

    private void DisposeValues()
    {
        foreach (var value in _values)
        {
            value?.Dispose();
        }
    }
}
