using System.Collections.Concurrent;
using PhoneAgent.Sip.Transactions;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// RFC 3261 §8.2.2.2: a request without a To tag whose From tag, Call-ID and CSeq match a transaction still in
/// progress, but which is not that transaction (it came by another branch of a forking proxy), is a merged
/// request and gets 482. Requests are remembered only until their transaction ends.
/// </summary>
internal sealed class MergedRequestDetector
{
    private readonly ConcurrentDictionary<(string CallId, string FromTag, long CSeq, string Method), ServerTransaction> _pending = new();

    /// <summary>True when <paramref name="transaction"/> duplicates another one in progress.</summary>
    public bool IsMerged(ServerTransaction transaction)
    {
        var request = transaction.Request;
        var key = (request.CallId!, request.From!.Tag ?? string.Empty, request.CSeq!.Number, request.Method);
        var current = _pending.GetOrAdd(key, transaction);
        if (!ReferenceEquals(current, transaction))
        {
            if (!current.Terminated.IsCompleted) return true;
            _pending[key] = transaction;
        }
        transaction.Terminated.ContinueWith(
            _ => _pending.TryRemove(new KeyValuePair<(string, string, long, string), ServerTransaction>(key, transaction)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return false;
    }
}
