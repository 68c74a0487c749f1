namespace PhoneAgent.Sip.Calls;

/// <summary>
/// What runs a call once the user agent has it (the media and speech pipeline, wired up by the host).
/// Invoked on its own task, never on a socket or SIP processing loop; exceptions are logged and end the call.
/// </summary>
public interface ISipCallHandler
{
    /// <summary>Runs for the lifetime of the call; <paramref name="cancellationToken"/> fires when it ends.</summary>
    Task HandleCallAsync(SipCall call, CancellationToken cancellationToken);
}
