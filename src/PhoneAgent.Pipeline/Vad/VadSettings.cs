namespace PhoneAgent.Pipeline.Vad;

/// <summary>
/// The "Vad" configuration section: which voice activity detector scores the caller's audio, and where the Silero
/// model and ONNX Runtime live. Relative paths are resolved against <see cref="AppContext.BaseDirectory"/>, where the
/// build copies <c>native/</c>.
/// </summary>
public sealed class VadSettings
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Vad";

    /// <summary>The <see cref="Engine"/> value for <see cref="Silero.SileroVoiceActivityDetector"/>.</summary>
    public const string SileroEngine = "silero";

    /// <summary>The <see cref="Engine"/> value for <see cref="EnergyOnsetDetector"/>.</summary>
    public const string EnergyEngine = "energy";

    /// <summary>The ONNX Runtime library's file name inside <see cref="NativeLibraryDirectory"/>.</summary>
    public const string OnnxRuntimeLibraryName = "libonnxruntime.so";

    /// <summary>"silero" (default) or "energy", case-insensitive.</summary>
    public string Engine { get; set; } = SileroEngine;

    /// <summary>The speech probability (exclusive 0–1) at or above which a frame counts as speech.</summary>
    public float Threshold { get; set; } = 0.5f;

    /// <summary>The Silero VAD v5 ONNX model.</summary>
    public string ModelPath { get; set; } = Path.Combine("native", "silero-vad", "silero_vad.onnx");

    /// <summary>The directory holding libonnxruntime.so.</summary>
    public string NativeLibraryDirectory { get; set; } = Path.Combine("native", "sherpa-onnx");

    /// <summary><see cref="ModelPath"/> as an absolute path.</summary>
    public string ResolvedModelPath => Path.GetFullPath(ModelPath, AppContext.BaseDirectory);

    /// <summary>The absolute path of libonnxruntime.so.</summary>
    public string ResolvedOnnxRuntimePath =>
        Path.Combine(Path.GetFullPath(NativeLibraryDirectory, AppContext.BaseDirectory), OnnxRuntimeLibraryName);

    /// <summary>Validates every key.</summary>
    /// <returns>This instance, for chaining after binding.</returns>
    /// <exception cref="ArgumentException">A key is invalid; <see cref="ArgumentException.ParamName"/> is the key, such as <c>Vad:Engine</c>.</exception>
    public VadSettings Validate()
    {
        if (!IsEngine(SileroEngine) && !IsEngine(EnergyEngine))
        {
            throw Bad(nameof(Engine), $"'{Engine}' is not a VAD engine; use '{SileroEngine}' or '{EnergyEngine}'");
        }

        if (!(Threshold > 0 && Threshold < 1))
        {
            throw Bad(nameof(Threshold), $"{Threshold} is not a probability strictly between 0 and 1");
        }

        if (string.IsNullOrWhiteSpace(ModelPath))
        {
            throw Bad(nameof(ModelPath), "must name the Silero VAD model file");
        }

        if (string.IsNullOrWhiteSpace(NativeLibraryDirectory))
        {
            throw Bad(nameof(NativeLibraryDirectory), "must name the directory holding libonnxruntime.so");
        }

        return this;
    }

    /// <summary>Whether <see cref="Engine"/> selects <paramref name="engine"/>.</summary>
    public bool IsEngine(string engine) => string.Equals(Engine?.Trim(), engine, StringComparison.OrdinalIgnoreCase);

    private static ArgumentException Bad(string key, string problem) =>
        new($"Configuration key {Section}:{key}: {problem}.", $"{Section}:{key}");
}
