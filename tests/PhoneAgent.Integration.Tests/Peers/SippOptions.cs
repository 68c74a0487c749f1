using System.Net;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// One sipp run. Without a <see cref="Target"/> sipp runs as a server (it waits for calls); with one it
/// places calls to it. Ports are never chosen here: the runner finds free ones on 127.0.0.1.
/// </summary>
public sealed record SippOptions
{
    /// <summary>A scenario file (see <see cref="SippScenarios"/>); exclusive with <see cref="BuiltInScenario"/>.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>One of sipp's embedded scenarios (<c>-sn</c>), e.g. <c>uas</c>; exclusive with <see cref="ScenarioFile"/>.</summary>
    public string? BuiltInScenario { get; init; }

    /// <summary>Where to send calls; null makes sipp a server that waits for them.</summary>
    public IPEndPoint? Target { get; init; }

    /// <summary>SIP transport, sipp <c>-t u1</c> or <c>-t t1</c>.</summary>
    public PeerTransport Transport { get; init; } = PeerTransport.Udp;

    /// <summary>Calls to process before sipp exits (<c>-m</c>); 0 means until stopped.</summary>
    public int Calls { get; init; } = 1;

    /// <summary>Calls started per <see cref="RatePeriod"/> (<c>-r</c>).</summary>
    public double Rate { get; init; } = 10;

    /// <summary>The period <see cref="Rate"/> applies to (<c>-rp</c>).</summary>
    public TimeSpan RatePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Most calls open at once (<c>-l</c>); null keeps sipp's default.</summary>
    public int? MaxConcurrentCalls { get; init; }

    /// <summary>Length of every <c>&lt;pause/&gt;</c> without its own duration (<c>-d</c>): how long calls are held.</summary>
    public TimeSpan? Pause { get; init; }

    /// <summary>User part of the Request-URI (<c>-s</c>), the <c>[service]</c> keyword.</summary>
    public string Service { get; init; } = "service";

    /// <summary>
    /// sipp's global timeout (<c>-timeout</c> with <c>-timeout_error</c>): past it sipp gives up and fails.
    /// The runner kills sipp a few seconds after that if it has not exited by itself.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long any expected message may take before the call fails (<c>-recv_timeout</c>); null for no limit.</summary>
    public TimeSpan? ReceiveTimeout { get; init; }

    /// <summary>Record every SIP message sent and received (<c>-trace_msg</c>); costly at high call rates.</summary>
    public bool TraceMessages { get; init; }

    /// <summary>Further sipp arguments, appended last.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>True when sipp waits for calls instead of placing them.</summary>
    public bool IsServer => Target is null;
}
