using PhoneAgent.Pipeline.Stt.PocketSphinx;

namespace PhoneAgent.SphinxBench;

/// <summary>One simulated call: a decoder working through its utterances a chunk at a time.</summary>
internal sealed class Lane(PocketSphinxDecoder decoder, IReadOnlyList<short[]> utterances)
{
    private int _utterance;
    private int _offset;

    public List<string> Finals { get; } = [];

    /// <summary>Decodes the next chunk as PocketSphinxStream does one post; false once every utterance is done.</summary>
    public bool Step(int chunk)
    {
        if (_utterance == utterances.Count) return false;
        var pcm = utterances[_utterance];
        var length = Math.Min(chunk, pcm.Length - _offset);
        decoder.Process(pcm.AsSpan(_offset, length));
        _ = decoder.Hypothesis();
        _offset += length;
        if (_offset == pcm.Length)
        {
            Finals.Add(decoder.EndUtterance());
            _utterance++;
            _offset = 0;
        }

        return true;
    }
}
