namespace PhoneAgent.Sip.Transactions;

/// <summary>Thrown by awaiting a client transaction that ended without a final response.</summary>
public sealed class SipTransactionException(TransactionFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>What went wrong.</summary>
    public TransactionFailure Failure { get; } = failure;
}
