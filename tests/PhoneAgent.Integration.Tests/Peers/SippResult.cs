using System.Text;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>The outcome of a sipp run, with everything an assertion message needs.</summary>
/// <param name="ExitCode">sipp's exit code: 0 all calls succeeded, 1 some failed, 97 internal stop, 99 no calls, 255 fatal, 254 could not bind.</param>
/// <param name="TimedOut">True when sipp overran its hard timeout and was killed.</param>
/// <param name="SuccessfulCalls">Calls sipp counted as successful, from its statistics; -1 when it wrote none.</param>
/// <param name="FailedCalls">Calls sipp counted as failed, from its statistics; -1 when it wrote none.</param>
/// <param name="ErrorLog">The <c>-trace_err</c> log: every unexpected message and failed check.</param>
/// <param name="MessageLog">The <c>-trace_msg</c> log when <see cref="SippOptions.TraceMessages"/> was set.</param>
/// <param name="Output">sipp's standard output and error (its final screens).</param>
public sealed record SippResult(
    int ExitCode, bool TimedOut, int SuccessfulCalls, int FailedCalls, string ErrorLog, string MessageLog, string Output)
{
    private const int MaxLogChars = 6000;

    /// <summary>True when sipp exited by itself with 0, no call failed and exactly <paramref name="expectedCalls"/> succeeded.</summary>
    public bool Succeeded(int expectedCalls) =>
        !TimedOut && ExitCode == 0 && FailedCalls == 0 && SuccessfulCalls == expectedCalls;

    /// <summary>A summary with the error log and the tail of the message log, for assertion messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder()
            .Append($"sipp exit code {ExitCode}{(TimedOut ? " (killed on timeout)" : "")}, ")
            .Append($"{SuccessfulCalls} successful and {FailedCalls} failed calls.");
        if (ErrorLog.Length > 0) text.Append("\n--- error log ---\n").Append(Clip(ErrorLog));
        if (MessageLog.Length > 0) text.Append("\n--- message log (end) ---\n").Append(Clip(MessageLog));
        if (ErrorLog.Length == 0 && Output.Length > 0) text.Append("\n--- output (end) ---\n").Append(Clip(Output));
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    private static string Clip(string log) => log.Length <= MaxLogChars ? log : "..." + log[^MaxLogChars..];
}
