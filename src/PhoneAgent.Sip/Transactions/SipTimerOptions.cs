namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1.1 / Table 4 timer base values. Every transaction timer is derived from these, so tests
/// and unusual networks can scale them without touching the state machines.
/// </summary>
public sealed record SipTimerOptions
{
    /// <summary>RTT estimate; default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses; default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network; default 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>64*T1: Timers B, F, H, J (UDP), L and M.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D: wait for response retransmissions, at least 32 s on UDP (RFC 3261 §17.1.1.2).</summary>
    public TimeSpan TimerD => TransactionTimeout > TimeSpan.FromSeconds(32) ? TransactionTimeout : TimeSpan.FromSeconds(32);

    /// <summary>The defaults from RFC 3261.</summary>
    public static SipTimerOptions Default { get; } = new();
}
