using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>
/// Reads the verdict the test wrote into the frame's first sample: bit 0 means the fast detector fires, bit 1 that the
/// confirming detector does (see <see cref="CallerAudio"/>).
/// </summary>
public sealed class FakeVad(string name, int bit) : IVoiceActivityDetector
{
    public string Name => name;

    public bool Throw { get; set; }

    public float Process(ReadOnlySpan<short> frame)
    {
        if (Throw) throw new InvalidOperationException("detector broke");
        return (frame[0] & (1 << bit)) != 0 ? 0.9f : 0.05f;
    }

    public void Reset()
    {
    }

    public void Dispose()
    {
    }
}
