namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>One entry in a stream's mailbox, processed in order by a decoding worker.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Samples">For <see cref="StreamCommandKind.Audio"/>, a pooled buffer the worker returns to the pool.</param>
/// <param name="Length">The number of valid samples in <paramref name="Samples"/>.</param>
internal readonly record struct StreamCommand(StreamCommandKind Kind, short[]? Samples = null, int Length = 0);
