using PhoneAgent.Pipeline.Vad;
using PhoneAgent.Pipeline.Vad.Silero;

namespace PhoneAgent.Pipeline.Tests.Vad;

/// <summary>
/// The Silero model and ONNX Runtime as the build copies them: scripts/setup.sh unpacks them into &lt;repo&gt;/native
/// and the Pipeline project copies that to native/ beside the test assemblies.
/// </summary>
internal static class NativeVadAssets
{
    public static string ModelPath => Existing(new VadSettings().ResolvedModelPath);

    public static string OnnxRuntimePath => Existing(new VadSettings().ResolvedOnnxRuntimePath);

    public static SileroVadModel LoadModel() => SileroVadModel.Load(ModelPath, OnnxRuntimePath);

    private static string Existing(string path)
    {
        Assert.True(File.Exists(path), $"{path} is missing: run `bash scripts/setup.sh` and rebuild.");
        return path;
    }
}
