namespace PhoneAgent.Sip.Sdp;

/// <summary>
/// The outcome of a failed parse: a reason for code to act on, the 1-based line it was found on
/// (0 when it concerns the whole body), and a short message for logs.
/// </summary>
/// <param name="Reason">What was wrong.</param>
/// <param name="LineNumber">The 1-based line number, or 0.</param>
/// <param name="Message">A human-readable explanation that never echoes more than a short token of the input.</param>
public readonly record struct SdpParseError(SdpParseErrorReason Reason, int LineNumber, string Message)
{
    /// <summary>
    /// The largest body the parser accepts. Real offers are a few hundred bytes to a few kilobytes; the cap keeps
    /// a hostile body from making us allocate strings for megabytes of attributes.
    /// </summary>
    public const int MaximumBodySize = 64 * 1024;

    /// <summary>Formats the error for a log line.</summary>
    public override string ToString() => LineNumber > 0
        ? $"{Reason} at line {LineNumber}: {Message}"
        : $"{Reason}: {Message}";
}
