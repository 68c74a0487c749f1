using System.Runtime.CompilerServices;

namespace PhoneAgent.Pipeline.Tts;

/// <summary>
/// Keeps the audio of texts already spoken, least recently used first out, so that speaking one again (the greeting,
/// a scripted reply, the apology) costs no synthesis: it plays at once instead of after the engine's first clause,
/// and the engine's time goes to the texts that are new. One instance serves every call.
/// </summary>
/// <remarks>
/// Only a synthesis that ran to the end is kept; a cancelled or failed one is not. Two calls missing the same text at
/// the same moment both synthesise it, and the second result replaces the first. The chunks handed out are shared
/// between calls, so consumers must not write to them (the pipeline copies them into its playout buffers). Worth it
/// for engines whose output depends only on the text, such as flite (see <see cref="NativeSynthesisGate"/>).
/// </remarks>
public sealed class CachingTextToSpeech : ITextToSpeech
{
    private readonly ITextToSpeech _inner;
    private readonly long _capacitySamples;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Text, short[][] Chunks, long Samples)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Text, short[][] Chunks, long Samples)> _recency = new();
    private long _samples;

    /// <summary>Wraps <paramref name="inner"/>, keeping up to <paramref name="capacityBytes"/> of 16-bit audio.</summary>
    public CachingTextToSpeech(ITextToSpeech inner, long capacityBytes)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacityBytes);
        _inner = inner;
        _capacitySamples = capacityBytes / sizeof(short);
    }

    /// <inheritdoc />
    public string Name => _inner.Name;

    /// <summary>Texts whose audio is kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<short[]> SynthesizeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Find(text) is { } chunks ? chunks.ToAsyncEnumerable() : SynthesizeAndKeepAsync(text, cancellationToken);
    }

    private async IAsyncEnumerable<short[]> SynthesizeAndKeepAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chunks = new List<short[]>();
        await foreach (var chunk in _inner.SynthesizeAsync(text, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            chunks.Add(chunk);
            yield return chunk;
        }

        if (!cancellationToken.IsCancellationRequested) Keep(text, [.. chunks]);
    }

    private short[][]? Find(string text)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(text, out var node)) return null;
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Chunks;
        }
    }

    private void Keep(string text, short[][] chunks)
    {
        var samples = chunks.Sum(c => (long)c.Length);
        if (samples > _capacitySamples) return;
        lock (_gate)
        {
            if (_entries.Remove(text, out var old))
            {
                _recency.Remove(old);
                _samples -= old.Value.Samples;
            }

            while (_samples + samples > _capacitySamples && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Text);
                _samples -= oldest.Value.Samples;
            }

            _entries[text] = _recency.AddFirst((text, chunks, samples));
            _samples += samples;
        }
    }
}
