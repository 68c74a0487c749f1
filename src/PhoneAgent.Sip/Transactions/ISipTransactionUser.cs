using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>
/// The transaction user (the UA core). Calls come from the processing loop or from timer callbacks under a
/// transaction's lock, so implementations must only queue work, never block or call back synchronously.
/// </summary>
public interface ISipTransactionUser
{
    /// <summary>A new request (not a retransmission) created this server transaction.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>An ACK for a 2xx (RFC 3261 §17.1.1.3: it is its own transaction and goes to the TU).</summary>
    void OnAck(SipInboundMessage ack);

    /// <summary>No ACK came for a final response within 64*T1; <paramref name="forSuccess"/> for a 2xx.</summary>
    void OnNoAck(ServerInviteTransaction transaction, bool forSuccess);

    /// <summary>
    /// An INVITE server transaction could not deliver a response before the call was confirmed (RFC 3261
    /// §17.2.4): the caller's flow is gone, so the call must end.
    /// </summary>
    void OnTransportFailure(ServerInviteTransaction transaction);

    /// <summary>A response matching no client transaction (e.g. a 2xx retransmission after Timer M).</summary>
    void OnStrayResponse(SipInboundMessage response);
}
