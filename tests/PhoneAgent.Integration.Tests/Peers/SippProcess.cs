using System.Net;

namespace PhoneAgent.Integration.Tests.Peers;

/// <summary>
/// A running sipp, typically a server scenario acting as the far end. It is killed on dispose and its
/// temporary directory (logs, statistics) is deleted; collect a <see cref="SippResult"/> first with
/// <see cref="WaitForExitAsync"/> or <see cref="StopAsync"/>.
/// </summary>
public sealed class SippProcess : IAsyncDisposable
{
    // sipp gets this long beyond its own -timeout to exit by itself before it is killed.
    private static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(5);

    // Readiness checks back off up to this interval.
    private static readonly TimeSpan MaxReadinessBackoff = TimeSpan.FromMilliseconds(100);

    private readonly ProcessRunner _runner;
    private readonly SippOptions _options;
    private readonly DirectoryInfo _workDirectory;

    internal SippProcess(ProcessRunner runner, SippOptions options, DirectoryInfo workDirectory, int sipPort, int mediaPort)
    {
        _runner = runner;
        _options = options;
        _workDirectory = workDirectory;
        SipPort = sipPort;
        MediaPort = mediaPort;
    }

    /// <summary>The SIP port sipp listens on (127.0.0.1).</summary>
    public int SipPort { get; }

    /// <summary>sipp's media port (<c>[media_port]</c>); it also binds this + 2.</summary>
    public int MediaPort { get; }

    /// <summary>The transport sipp runs on.</summary>
    public PeerTransport Transport => _options.Transport;

    /// <summary>Where to reach sipp.</summary>
    public IPEndPoint EndPoint => new(FreePort.Loopback, SipPort);

    /// <summary>True once sipp has exited.</summary>
    public bool HasExited => _runner.HasExited;

    /// <summary>A SIP URI addressing sipp with the given user part, carrying the transport for TCP (RFC 3261 19.1.1).</summary>
    public string Uri(string user = "service") =>
        $"sip:{user}@{FreePort.Loopback}:{SipPort}{(Transport == PeerTransport.Tcp ? ";transport=tcp" : "")}";

    /// <summary>Waits for sipp to finish by itself (after <c>-m</c> calls or its own timeout); kills it past the hard limit.</summary>
    public async Task<SippResult> WaitForExitAsync(CancellationToken cancellationToken = default)
    {
        var exit = await _runner.WaitForExitAsync(_options.Timeout + KillGrace, cancellationToken);
        return await CollectAsync(exit);
    }

    /// <summary>
    /// Stops sipp: with <paramref name="finishCalls"/> it takes no new calls and lets open ones end (SIGUSR1),
    /// otherwise it exits at once (SIGTERM). Either way it writes its statistics first.
    /// </summary>
    public async Task<SippResult> StopAsync(bool finishCalls = true, CancellationToken cancellationToken = default)
    {
        _runner.Signal(finishCalls ? LibC.SigUsr1 : LibC.SigTerm);
        return await WaitForExitAsync(cancellationToken);
    }

    /// <summary>Kills sipp if it still runs and deletes its temporary directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _runner.DisposeAsync();
        try
        {
            _workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does no harm.
        }
    }

    /// <summary>
    /// Returns once sipp has bound its SIP socket, or false when it exited first (its exit code then
    /// says why). sipp prints nothing while it starts when its output is not a terminal, and anything
    /// sent to it as a probe would count as a call (an auto-answered request takes one of the -m calls
    /// without ever completing), so readiness is read from the kernel's socket table instead. Once the
    /// socket is bound the kernel queues what arrives until sipp's event loop reads it.
    /// </summary>
    internal async Task<bool> WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var backoff = TimeSpan.FromMilliseconds(2);
        while (!_runner.HasExited)
        {
            if (SocketTable.IsBound(Transport, EndPoint)) return true;
            // Nothing signals the bind, so this wait is on the clock: short, growing, bounded by the deadline.
            try
            {
                await Task.WhenAny(Task.Delay(backoff, deadline.Token), _runner.Exited).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"sipp did not bind {EndPoint} ({Transport}) within {timeout.TotalSeconds:0.#} s.\n{_runner.Tail()}");
            }
            backoff = Min(backoff * 2, MaxReadinessBackoff);
        }
        return false;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task<SippResult> CollectAsync(ProcessResult exit)
    {
        var stats = await ReadAsync("stats.csv");
        var screen = await ReadAsync("screen.log");
        var (successful, failed) = SippStatistics.Read(stats, screen);
        return new SippResult(
            exit.ExitCode, exit.TimedOut, successful, failed,
            await ReadAsync("errors.log"), await ReadAsync("messages.log"), exit.Output);
    }

    private async Task<string> ReadAsync(string name)
    {
        var path = Path.Combine(_workDirectory.FullName, name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
    }
}
