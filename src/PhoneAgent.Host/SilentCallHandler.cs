using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host;

/// <summary>
/// The call handler until the media and speech pipeline is wired in: it keeps the call up, logs its
/// events, and lets the caller hang up.
/// </summary>
public sealed class SilentCallHandler(ILogger<SilentCallHandler> logger) : ISipCallHandler
{
    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        await foreach (var e in call.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            logger.LogInformation("Call {CallId}: {Event}", call.CallId, e);
        }
    }
}
