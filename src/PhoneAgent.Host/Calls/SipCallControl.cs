using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host.Calls;

/// <summary>The pipeline's <see cref="ICallControl"/> over a <see cref="SipCall"/>.</summary>
/// <remarks>
/// Blind transfer needs REFER (RFC 3515) and its NOTIFY handling, which the SIP layer does not offer yet; until it
/// does, <see cref="TransferAsync"/> refuses every transfer and the pipeline keeps the call, telling the agent.
/// </remarks>
public sealed class SipCallControl(SipCall call, ILogger logger) : ICallControl
{
    /// <inheritdoc />
    public string Caller => call.Caller.ToString();

    /// <inheritdoc />
    public string Callee => call.Callee.ToString();

    /// <inheritdoc />
    public async Task HangupAsync(CancellationToken cancellationToken) =>
        await call.HangupAsync(CallEndCause.LocalHangup).WaitAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<bool> TransferAsync(string target, CancellationToken cancellationToken)
    {
        logger.LogWarning("Call {CallId}: transfer to {Target} refused: REFER is not supported yet", call.CallId, target);
        return Task.FromResult(false);
    }
}
