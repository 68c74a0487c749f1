using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Vad.Onnx;
using PhoneAgent.Pipeline.Vad.Silero;

namespace PhoneAgent.Pipeline.Vad;

/// <summary>
/// Creates each call's voice activity detectors as configured. One instance serves the whole process: it loads the
/// Silero model once and shares it between calls.
/// </summary>
/// <remarks>
/// When Silero is configured but its model or ONNX Runtime is missing or cannot be loaded, the factory logs a warning
/// that names what is missing and how to install it, and hands out <see cref="EnergyOnsetDetector"/> instead: a bot
/// with a cruder VAD beats a bot that does not answer.
/// </remarks>
public sealed class VoiceActivityDetectorFactory : IDisposable
{
    private readonly SileroVadModel? _model;
    private int _disposed;

    /// <summary>Validates <paramref name="settings"/> and loads the configured engine.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; <see cref="ArgumentException.ParamName"/> names its key.</exception>
    public VoiceActivityDetectorFactory(VadSettings settings, ILogger<VoiceActivityDetectorFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logger);
        settings.Validate();
        Threshold = settings.Threshold;
        if (settings.IsEngine(VadSettings.SileroEngine))
        {
            _model = TryLoadSilero(settings, logger);
        }

        Engine = _model is null ? VadSettings.EnergyEngine : VadSettings.SileroEngine;
        logger.LogInformation("Voice activity detection: {Engine}, threshold {Threshold}", Engine, Threshold);
    }

    /// <summary>The engine <see cref="Create"/> uses: "silero", or "energy" when configured or as the fallback.</summary>
    public string Engine { get; }

    /// <summary>The configured speech probability threshold (<c>Vad:Threshold</c>).</summary>
    public float Threshold { get; }

    /// <summary>Creates the configured detector for one call; the caller disposes it when the call ends.</summary>
    /// <exception cref="ObjectDisposedException">The factory was disposed.</exception>
    public IVoiceActivityDetector Create()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _model is null ? new EnergyOnsetDetector() : new SileroVoiceActivityDetector(_model);
    }

    /// <summary>
    /// Creates the fast onset detector for one call's barge-in path, whatever the configured engine: it answers within a
    /// frame, and its onsets are meant to be confirmed by the detector from <see cref="Create"/>.
    /// </summary>
    public IVoiceActivityDetector CreateOnsetDetector() => new EnergyOnsetDetector();

    /// <summary>Unloads the Silero model; detectors still in use then throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _model?.Dispose();
        }
    }

    private static SileroVadModel? TryLoadSilero(VadSettings settings, ILogger logger)
    {
        var modelPath = settings.ResolvedModelPath;
        var runtimePath = settings.ResolvedOnnxRuntimePath;
        var missing = new[] { modelPath, runtimePath }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            logger.LogWarning(
                "Silero VAD is configured but {Missing} is missing (Vad:ModelPath, Vad:NativeLibraryDirectory); using the energy " +
                "detector instead. Run `bash scripts/setup.sh` to install the model and ONNX Runtime into native/, then rebuild.",
                string.Join(" and ", missing));
            return null;
        }

        try
        {
            var model = SileroVadModel.Load(modelPath, runtimePath);
            logger.LogInformation("Loaded Silero VAD {Model} with ONNX Runtime {Version}", modelPath, model.RuntimeVersion);
            return model;
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException
                                      or NotSupportedException or OnnxRuntimeException or InvalidDataException or IOException)
        {
            logger.LogWarning(
                e,
                "Silero VAD could not be loaded from {Model} with {Runtime}; using the energy detector instead. Run " +
                "`bash scripts/setup.sh` to reinstall the model and ONNX Runtime into native/, then rebuild.",
                modelPath,
                runtimePath);
            return null;
        }
    }
}
