namespace PhoneAgent.Integration.Tests.Media;

/// <summary>
/// Tests that compare audio sample by sample run alone. The media session keeps real time: when its clock wakes too
/// late it skips the overdue ticks, and the audio of those ticks, rather than add latency. Sharing two cores with
/// the rest of the suite's sipp and baresip processes made it skip over a second of a five-second call, so the
/// audio check would measure the machine's load instead of the decoding.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeMediaCollection
{
    /// <summary>The collection's name, for <see cref="CollectionAttribute"/>.</summary>
    public const string Name = "Real-time media";
}
