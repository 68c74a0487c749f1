using PhoneAgent.Host.Configuration;
using PhoneAgent.Host.Health;

namespace PhoneAgent.Host.Hosting;

/// <summary>
/// Graceful shutdown on SIGTERM or Ctrl-C (STYLE §6): stop taking calls (new INVITEs get 503 and /readyz turns
/// not ready), let live calls finish for up to Sip:ShutdownTimeoutSeconds, then hang up the rest with BYE.
/// It drains in <see cref="StoppingAsync"/>, which the host runs before stopping any service, so the user agent
/// and the HTTP endpoints (/readyz says "draining") are still up meanwhile.
/// </summary>
public sealed class GracefulShutdownService(SipService sip, DrainState drain, HostSettings settings, TimeProvider time, ILogger<GracefulShutdownService> logger) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        drain.Begin();
        if (sip.Agent is not { } agent) return;
        agent.StopAcceptingCalls();
        var live = agent.Calls.ToArray();
        if (live.Length == 0) return;

        var timeout = settings.ShutdownTimeout;
        logger.LogInformation("Shutting down: waiting up to {Seconds} s for {Count} live call(s) to end", timeout.TotalSeconds, live.Length);
        var allEnded = Task.WhenAll(live.Select(c => c.Completion));
        await Task.WhenAny(allEnded, Task.Delay(timeout, time, cancellationToken)).ConfigureAwait(false);
        if (allEnded.IsCompleted) return;

        logger.LogInformation("Shutting down: hanging up {Count} call(s) still live", agent.Calls.Count);
        await agent.HangupAllAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
    }
}
