using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PhoneAgent.Pipeline.Tts;

namespace PhoneAgent.Pipeline.Tests.Conversation.Fakes;

/// <summary>
/// Synthesises <see cref="SamplesPerChar"/> samples per character, every sample holding a marker that identifies the
/// sentence (1 for the first distinct sentence, 2 for the next...), so tests can tell whose audio reached the wire.
/// </summary>
public sealed class FakeTextToSpeech(Signal signal) : ITextToSpeech
{
    private readonly ConcurrentDictionary<string, short> _markers = new();
    private readonly ConcurrentQueue<string> _spoken = new();

    public const int SamplesPerChar = 320;

    public string Name => "fake-tts";

    /// <summary>Text whose synthesis throws.</summary>
    public string? FailOn { get; set; }

    public IReadOnlyList<string> Spoken => _spoken.ToArray();

    public short MarkerOf(string text) => _markers.GetOrAdd(text, _ => (short)(_markers.Count + 1));

    public async IAsyncEnumerable<short[]> SynthesizeAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        _spoken.Enqueue(text);
        signal.Pulse();
        if (text == FailOn) throw new InvalidOperationException("synthesiser broke");
        var marker = MarkerOf(text);
        var remaining = text.Length * SamplesPerChar;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new short[Math.Min(1600, remaining)];
            Array.Fill(chunk, marker);
            remaining -= chunk.Length;
            yield return chunk;
        }
    }
}
