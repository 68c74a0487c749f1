namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>How a child process ended.</summary>
/// <param name="ExitCode">The exit code; meaningless when <paramref name="TimedOut"/> is set, because the process was killed.</param>
/// <param name="TimedOut">True when the hard timeout expired and the process tree was killed.</param>
/// <param name="Output">Standard output and standard error, line by line in arrival order.</param>
public sealed record ProcessResult(int ExitCode, bool TimedOut, string Output);
