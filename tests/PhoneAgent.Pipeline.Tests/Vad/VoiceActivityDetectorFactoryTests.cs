using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Vad;
using PhoneAgent.Pipeline.Vad.Silero;

namespace PhoneAgent.Pipeline.Tests.Vad;

public class VoiceActivityDetectorFactoryTests
{
    [Fact]
    public void Silero_is_the_default_and_loads_from_the_copied_native_folder()
    {
        var logger = new ListLogger<VoiceActivityDetectorFactory>();
        using var factory = new VoiceActivityDetectorFactory(new VadSettings(), logger);

        Assert.Equal("silero", factory.Engine);
        using var detector = factory.Create();
        Assert.IsType<SileroVoiceActivityDetector>(detector);
        Assert.Equal("silero", detector.Name);
        using var onset = factory.CreateOnsetDetector();
        Assert.IsType<EnergyOnsetDetector>(onset);
        Assert.DoesNotContain(logger.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Fact]
    public void A_missing_model_falls_back_to_the_energy_detector_and_says_how_to_install_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "silero_vad.onnx");
        var logger = new ListLogger<VoiceActivityDetectorFactory>();
        using var factory = new VoiceActivityDetectorFactory(new VadSettings { ModelPath = missing }, logger);

        Assert.Equal("energy", factory.Engine);
        using var detector = factory.Create();
        Assert.IsType<EnergyOnsetDetector>(detector);
        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning).Message;
        Assert.Contains(missing, warning);
        Assert.Contains("bash scripts/setup.sh", warning);
    }

    [Fact]
    public void A_missing_onnx_runtime_falls_back_and_names_the_library()
    {
        var directory = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        var logger = new ListLogger<VoiceActivityDetectorFactory>();
        using var factory = new VoiceActivityDetectorFactory(new VadSettings { NativeLibraryDirectory = directory }, logger);

        Assert.Equal("energy", factory.Engine);
        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning).Message;
        Assert.Contains(Path.Combine(directory, "libonnxruntime.so"), warning);
    }

    [Fact]
    public void A_corrupt_model_falls_back_with_onnx_runtimes_reason()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [1, 2, 3, 4]);
            var logger = new ListLogger<VoiceActivityDetectorFactory>();
            using var factory = new VoiceActivityDetectorFactory(new VadSettings { ModelPath = path }, logger);

            Assert.Equal("energy", factory.Engine);
            var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning).Message;
            Assert.Contains(path, warning);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("energy")]
    [InlineData(" Energy ")]
    public void The_energy_engine_loads_nothing(string engine)
    {
        var logger = new ListLogger<VoiceActivityDetectorFactory>();
        using var factory = new VoiceActivityDetectorFactory(new VadSettings { Engine = engine, ModelPath = "does/not/exist.onnx" }, logger);

        Assert.Equal("energy", factory.Engine);
        using var detector = factory.Create();
        Assert.Equal("energy", detector.Name);
        Assert.DoesNotContain(logger.Entries, entry => entry.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("webrtc", 0.5f, "x.onnx", "native", "Vad:Engine")]
    [InlineData("", 0.5f, "x.onnx", "native", "Vad:Engine")]
    [InlineData("silero", 0f, "x.onnx", "native", "Vad:Threshold")]
    [InlineData("silero", 1f, "x.onnx", "native", "Vad:Threshold")]
    [InlineData("silero", float.NaN, "x.onnx", "native", "Vad:Threshold")]
    [InlineData("silero", 0.5f, " ", "native", "Vad:ModelPath")]
    [InlineData("silero", 0.5f, "x.onnx", "", "Vad:NativeLibraryDirectory")]
    public void Bad_settings_name_their_key(string engine, float threshold, string modelPath, string libraryDirectory, string key)
    {
        var settings = new VadSettings { Engine = engine, Threshold = threshold, ModelPath = modelPath, NativeLibraryDirectory = libraryDirectory };

        var error = Assert.Throws<ArgumentException>(() => new VoiceActivityDetectorFactory(settings, new ListLogger<VoiceActivityDetectorFactory>()));

        Assert.Equal(key, error.ParamName);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void A_disposed_factory_creates_nothing_and_disposing_again_is_safe()
    {
        var factory = new VoiceActivityDetectorFactory(new VadSettings(), new ListLogger<VoiceActivityDetectorFactory>());
        using var detector = factory.Create();
        factory.Dispose();
        factory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => factory.Create());
    }

    [Fact]
    public void Relative_paths_resolve_against_the_application_directory()
    {
        var settings = new VadSettings();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "native", "silero-vad", "silero_vad.onnx"), settings.ResolvedModelPath);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "native", "sherpa-onnx", "libonnxruntime.so"), settings.ResolvedOnnxRuntimePath);
    }
}
