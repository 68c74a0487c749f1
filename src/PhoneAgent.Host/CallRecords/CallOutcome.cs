namespace PhoneAgent.Host.CallRecords;

/// <summary>Values of <see cref="CallRecord.Outcome"/>.</summary>
public static class CallOutcome
{
    /// <summary>The call has not ended (or the host died before it did).</summary>
    public const string InProgress = "in-progress";

    /// <summary>The caller acknowledged our answer; there was a conversation.</summary>
    public const string Answered = "answered";

    /// <summary>The call ended before it was answered (cancelled, rejected, never acknowledged).</summary>
    public const string Unanswered = "unanswered";
}
