using PhoneAgent.Sip.Parsing;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Transactions;

/// <summary>What transactions need from the transport: send a message to a destination.</summary>
public interface ISipMessageSender
{
    /// <summary>Sends a message; throws on transport failure.</summary>
    Task SendAsync(SipMessage message, SipDestination destination, CancellationToken cancellationToken = default);
}
