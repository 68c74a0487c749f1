using PhoneAgent.Sip.Transactions;
using PhoneAgent.Sip.Transport;

namespace PhoneAgent.Sip.Tests.Transactions;

/// <summary>An <see cref="ISipTransactionUser"/> that only records what the transaction layer tells it.</summary>
internal sealed class RecordingTransactionUser : ISipTransactionUser
{
    public List<ServerTransaction> Requests { get; } = [];

    public List<SipInboundMessage> Acks { get; } = [];

    public List<(ServerInviteTransaction Transaction, bool ForSuccess)> NoAcks { get; } = [];

    public List<SipInboundMessage> StrayResponses { get; } = [];

    public List<ServerInviteTransaction> TransportFailures { get; } = [];

    public void OnRequest(ServerTransaction transaction) => Requests.Add(transaction);

    public void OnAck(SipInboundMessage ack) => Acks.Add(ack);

    public void OnNoAck(ServerInviteTransaction transaction, bool forSuccess) => NoAcks.Add((transaction, forSuccess));

    public void OnTransportFailure(ServerInviteTransaction transaction) => TransportFailures.Add(transaction);

    public void OnStrayResponse(SipInboundMessage response) => StrayResponses.Add(response);
}
