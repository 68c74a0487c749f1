using Microsoft.Extensions.Logging;

namespace PhoneAgent.Sip.Transactions;

/// <summary>The services a transaction uses, handed down by the transaction layer.</summary>
internal sealed record TransactionContext(
    ISipMessageSender Sender,
    TimeProvider TimeProvider,
    SipTimerOptions Timers,
    ILogger Logger,
    Action<SipTransaction> Remove);
