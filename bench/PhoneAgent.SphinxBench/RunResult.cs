namespace PhoneAgent.SphinxBench;

/// <summary>One setting's four passes: CPU seconds per audio second each, and what they recognised.</summary>
internal sealed record RunResult(
    double Wideband,
    double Narrowband,
    double Questions,
    double OutOfDomain,
    int WidebandErrors,
    int NarrowbandErrors,
    int IntentsRight,
    int OutOfDomainWrong);
