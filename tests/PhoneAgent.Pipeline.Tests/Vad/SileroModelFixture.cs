using PhoneAgent.Pipeline.Vad.Silero;

namespace PhoneAgent.Pipeline.Tests.Vad;

/// <summary>Loads the Silero model once for a test class, as the factory does once per process.</summary>
public sealed class SileroModelFixture : IDisposable
{
    public SileroVadModel Model { get; } = NativeVadAssets.LoadModel();

    public void Dispose() => Model.Dispose();
}
