namespace PhoneAgent.Integration.Tests.Host;

/// <summary>
/// Tests that run the host process with real-time media: one at a time, as the other real-time tests do, so
/// two cores are not shared by several hosts and sipp instances at once.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostProcessCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Host process";
}
