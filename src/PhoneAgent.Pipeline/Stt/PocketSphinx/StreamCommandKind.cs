namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>The calls of <see cref="ISpeechToTextStream"/> that a decoding worker replays in order.</summary>
internal enum StreamCommandKind
{
    /// <summary>Samples to decode.</summary>
    Audio,

    /// <summary>End the utterance and emit its final result.</summary>
    Flush,

    /// <summary>End the utterance without a result.</summary>
    Discard,

    /// <summary>The last command: complete the results (<see cref="PocketSphinxStream.EndInput"/> or disposal).</summary>
    End,
}
