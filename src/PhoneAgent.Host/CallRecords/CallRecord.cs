namespace PhoneAgent.Host.CallRecords;

/// <summary>What call.json holds: one call from INVITE to hang-up, rewritten after every change.</summary>
public sealed record CallRecord
{
    /// <summary>Schema version, raised when a field changes meaning.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The SIP Call-ID.</summary>
    public required string CallId { get; init; }

    /// <summary><c>inbound</c> when the peer called the bot, <c>outbound</c> when the bot dialled (<c>phoneagent dial</c>).</summary>
    public string Direction { get; init; } = "inbound";

    /// <summary>The From header's URI (the caller).</summary>
    public required string Caller { get; init; }

    /// <summary>The caller's display name, if sent.</summary>
    public string? CallerName { get; init; }

    /// <summary>The To header's URI (the number or user called).</summary>
    public required string Callee { get; init; }

    /// <summary>When the INVITE reached the bot.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the caller acknowledged our answer; null if never answered.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When the call ended; null while it goes on (or if the host died during it).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The negotiated voice codec (PCMU, PCMA, opus).</summary>
    public string? Codec { get; init; }

    /// <summary><c>in-progress</c>, then <c>answered</c> or <c>unanswered</c>.</summary>
    public string Outcome { get; init; } = CallOutcome.InProgress;

    /// <summary>Why it ended (a <see cref="Sip.Calls.CallEndCause"/> name); null while in progress.</summary>
    public string? HangupCause { get; init; }

    /// <summary>The final status code sent when the call ended before answer (e.g. 487), else null.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The conversation, in order.</summary>
    public IReadOnlyList<CallTurn> Turns { get; init; } = [];

    /// <summary>Keys pressed, in order.</summary>
    public IReadOnlyList<CallDtmf> Dtmf { get; init; } = [];

    /// <summary>The stereo recording's file name inside the call folder (caller left, bot right); null when not recorded.</summary>
    public string? RecordingFile { get; init; }
}
