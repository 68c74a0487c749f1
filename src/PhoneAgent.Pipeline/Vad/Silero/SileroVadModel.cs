using System.Runtime.InteropServices;
using System.Text;
using PhoneAgent.Pipeline.Vad.Onnx;

namespace PhoneAgent.Pipeline.Vad.Silero;

/// <summary>
/// The Silero VAD v5 model loaded into ONNX Runtime, shared by every call's <see cref="SileroVoiceActivityDetector"/>.
/// </summary>
/// <remarks>
/// The model is stateless from ONNX Runtime's point of view: the LSTM state goes in and comes out as tensors, and
/// each detector keeps its own. One session therefore serves all calls; ONNX Runtime allows concurrent Run calls on a
/// session. Disposing the model while detectors still run is safe: a Run in progress holds a reference on the session,
/// and later runs throw <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed unsafe class SileroVadModel : IDisposable
{
    /// <summary>Samples the model scores at once at 16 kHz (32 ms); v5 accepts no other window at this rate.</summary>
    public const int WindowSamples = 512;

    /// <summary>Samples of the previous window prepended to each window, as the v5 model was trained.</summary>
    public const int ContextSamples = 64;

    /// <summary>Floats in the LSTM state tensor, shape [2, 1, 128].</summary>
    internal const int StateLength = 2 * 128;

    /// <summary>Windows of digital silence that lead to <see cref="SilenceState"/>: 62 × 32 ms, about 2 s.</summary>
    internal const int SilenceWindows = 62;

    // The v5 graph's signature: input [1, 576] float, state [2, 1, 128] float, sr int64 scalar in; output [1, 1] float,
    // stateN [2, 1, 128] float out. Earlier versions (v3/v4 with separate h and c) do not fit and are rejected.
    private static readonly string[] ExpectedInputs = ["input", "state", "sr"];
    private static readonly string[] ExpectedOutputs = ["output", "stateN"];

    private readonly OnnxRuntimeApi _api;
    private readonly OrtHandle _environment;
    private readonly OrtHandle _session;

    // Run takes arrays of C strings. They live in pinned (never moved) arrays that every detector's reference to
    // this model keeps alive, so a run racing Dispose cannot read freed names.
    private readonly byte[] _nameBytes;
    private readonly IntPtr[] _inputNames;
    private readonly IntPtr[] _outputNames;
    private float[] _silenceState = new float[StateLength];
    private int _disposed;

    private SileroVadModel(OnnxRuntimeApi api, OrtHandle environment, OrtHandle session)
    {
        _api = api;
        _environment = environment;
        _session = session;
        _nameBytes = GC.AllocateArray<byte>(ExpectedInputs.Concat(ExpectedOutputs).Sum(n => n.Length + 1), pinned: true);
        _inputNames = GC.AllocateArray<IntPtr>(ExpectedInputs.Length, pinned: true);
        _outputNames = GC.AllocateArray<IntPtr>(ExpectedOutputs.Length, pinned: true);
        var offset = 0;
        foreach (var (names, pointers) in new[] { (ExpectedInputs, _inputNames), (ExpectedOutputs, _outputNames) })
        {
            for (var i = 0; i < names.Length; i++)
            {
                pointers[i] = Marshal.UnsafeAddrOfPinnedArrayElement(_nameBytes, offset);
                offset += Encoding.ASCII.GetBytes(names[i], _nameBytes.AsSpan(offset)) + 1;
            }
        }
    }

    /// <summary>
    /// The LSTM state the model settles in on digital silence, found once at load: a detector takes it for a window it
    /// does not run for want of signal, so speech after a pause meets the model much as if every window had been run.
    /// </summary>
    /// <remarks>
    /// The state after 2 s of silence (<see cref="SilenceWindows"/>). It never quite stops moving on silence: from the
    /// zero state its largest element changes by 0.5-0.9 a window over the first 10 windows, under 0.06 by the 62nd
    /// and about 0.01 by the 200th, so a fixed length defines it.
    /// </remarks>
    internal ReadOnlySpan<float> SilenceState => _silenceState;

    /// <summary>The version of the ONNX Runtime library that runs the model.</summary>
    public string RuntimeVersion => _api.Version;

    /// <summary>Loads the model at <paramref name="modelPath"/> with the libonnxruntime at <paramref name="onnxRuntimePath"/>.</summary>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="DllNotFoundException">The ONNX Runtime library is missing or cannot be loaded.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the model.</exception>
    /// <exception cref="InvalidDataException">The model is not Silero VAD v5.</exception>
    public static SileroVadModel Load(string modelPath, string onnxRuntimePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentException.ThrowIfNullOrEmpty(onnxRuntimePath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The Silero VAD model {modelPath} does not exist.", modelPath);
        }

        var api = OnnxRuntimeApi.Load(onnxRuntimePath);
        var environment = api.CreateEnvironment("PhoneAgent.Vad");
        OrtHandle? session = null;
        try
        {
            session = api.CreateSession(environment, modelPath);
            var inputs = api.GetInputNames(session);
            var outputs = api.GetOutputNames(session);
            if (inputs.Length != ExpectedInputs.Length || !ExpectedInputs.All(inputs.Contains) || !ExpectedOutputs.All(outputs.Contains))
            {
                throw new InvalidDataException(
                    $"{modelPath} is not the Silero VAD v5 model: it has inputs [{string.Join(", ", inputs)}] and outputs " +
                    $"[{string.Join(", ", outputs)}]; expected inputs [{string.Join(", ", ExpectedInputs)}] and outputs " +
                    $"[{string.Join(", ", ExpectedOutputs)}].");
            }

            var model = new SileroVadModel(api, environment, session);
            model._silenceState = SileroVoiceActivityDetector.SettleOnSilence(model, SilenceWindows);
            return model;
        }
        catch
        {
            session?.Dispose();
            environment.Dispose();
            throw;
        }
    }

    /// <summary>Releases the session once no run is using it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.Dispose();
        _environment.Dispose();
    }

    /// <summary>Wraps pinned, caller-owned memory as a float tensor of <paramref name="shape"/>.</summary>
    internal OrtHandle CreateTensor(float[] pinned, ReadOnlySpan<long> shape)
    {
        fixed (float* data = pinned)
        {
            return _api.CreateTensor(data, pinned.Length * sizeof(float), shape, TensorElementType.Float);
        }
    }

    /// <summary>Wraps pinned, caller-owned memory as an int64 tensor of <paramref name="shape"/>.</summary>
    internal OrtHandle CreateTensor(long[] pinned, ReadOnlySpan<long> shape)
    {
        fixed (long* data = pinned)
        {
            return _api.CreateTensor(data, pinned.Length * sizeof(long), shape, TensorElementType.Int64);
        }
    }

    /// <summary>
    /// Runs one window: <paramref name="inputs"/> holds the input, state and sr values (in that order),
    /// <paramref name="outputs"/> the output and stateN values that receive the results.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    internal void Run(IntPtr* inputs, IntPtr* outputs)
    {
        var added = false;
        _session.DangerousAddRef(ref added);
        try
        {
            fixed (IntPtr* inputNames = _inputNames, outputNames = _outputNames)
            {
                _api.Run(_session.DangerousGetHandle(), inputNames, inputs, _inputNames.Length, outputNames, outputs, _outputNames.Length);
            }
        }
        finally
        {
            _session.DangerousRelease();
        }
    }
}
