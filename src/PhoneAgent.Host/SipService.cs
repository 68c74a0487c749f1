using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host;

/// <summary>
/// Runs the SIP user agent for the host's lifetime. On shutdown it stops taking calls (503), hangs up live
/// ones and closes the sockets (STYLE §6).
/// </summary>
public sealed class SipService(SipUserAgentOptions options, ISipCallHandler handler, ILoggerFactory loggerFactory, TimeProvider timeProvider) : IHostedService, IAsyncDisposable
{
    private SipUserAgent? _agent;

    /// <summary>The running agent (null before start).</summary>
    public SipUserAgent? Agent => _agent;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _agent = new SipUserAgent(options, handler, loggerFactory, timeProvider);
        _agent.Start();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_agent is null) return;
        await _agent.DisposeAsync().ConfigureAwait(false);
        _agent = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_agent is not null) await _agent.DisposeAsync().ConfigureAwait(false);
    }
}
