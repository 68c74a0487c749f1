using Microsoft.Extensions.Logging.Abstractions;
using PhoneAgent.Host.Calls;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Integration.Tests.Bot;

/// <summary>
/// Transfers every call to <see cref="Target"/> once it is answered, through the host's <see cref="SipCallControl"/>
/// as the conversation pipeline would, and keeps the outcome and how the call ended.
/// </summary>
public sealed class TransferringCallHandler(string target) : ISipCallHandler
{
    private readonly TaskCompletionSource<bool> _transferred = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<CallEnded> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Where calls are sent.</summary>
    public string Target => target;

    /// <summary>What <see cref="SipCallControl.TransferAsync"/> returned for the first call.</summary>
    public Task<bool> Transferred => _transferred.Task;

    /// <summary>How the first call ended.</summary>
    public Task<CallEnded> Ended => _ended.Task;

    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        var control = new SipCallControl(call, NullLogger.Instance);
        Task? transfer = null;
        await foreach (var e in call.Events.ReadAllAsync(CancellationToken.None))
        {
            if (e is CallAnswered && transfer is null) transfer = TransferAsync(control);
            if (e is CallEnded ended) _ended.TrySetResult(ended);
        }
        if (transfer is not null) await transfer;
    }

    private async Task TransferAsync(SipCallControl control)
    {
        try
        {
            _transferred.TrySetResult(await control.TransferAsync(target, CancellationToken.None));
        }
        catch (Exception e)
        {
            _transferred.TrySetException(e);
        }
    }
}
