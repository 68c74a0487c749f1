using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>A server transaction: it absorbs request retransmissions and sends the TU's responses (RFC 3261 §17.2).</summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected ServerTransaction(string key, SipInboundMessage inbound, TransactionContext context)
        : base(key, (SipRequest)inbound.Message, SipTransportLayer.ResponseDestination(inbound), context)
    {
        Inbound = inbound;
    }

    /// <summary>The request as received, with its source flow.</summary>
    public SipInboundMessage Inbound { get; }

    /// <summary>The last response sent, or null.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>True once a final (non-1xx) response has been sent.</summary>
    public bool HasFinalResponse => LastResponse is { StatusCode: >= 200 };

    /// <summary>Sends a response from the TU through the state machine.</summary>
    public abstract void SendResponse(SipResponse response);

    /// <summary>The same request arrived again.</summary>
    internal abstract void OnRetransmission();

    /// <summary>A response to this request with our To tag and the given code.</summary>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null, string? toTag = null) =>
        SipResponse.CreateFor(Request, statusCode, reasonPhrase, toTag);
}
