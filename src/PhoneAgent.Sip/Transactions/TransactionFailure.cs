namespace PhoneAgent.Sip.Transactions;

/// <summary>Why a transaction ended without a final response (STYLE §4: failures are typed).</summary>
public enum TransactionFailure
{
    /// <summary>Timer B or F fired: no final response in 64*T1 (RFC 3261 §17.1.1.2, §17.1.2.2).</summary>
    Timeout,
    /// <summary>The transport reported a failure (RFC 3261 §17.1.4).</summary>
    Transport,
    /// <summary>The transaction was abandoned locally (shutdown).</summary>
    Canceled,
}
