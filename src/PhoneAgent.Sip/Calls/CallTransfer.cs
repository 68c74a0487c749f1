using Microsoft.Extensions.Logging;
using PhoneAgent.Sip.Parsing;

namespace PhoneAgent.Sip.Calls;

/// <summary>
/// A blind transfer (RFC 3515; the "Basic Transfer" of RFC 5589 §6): REFER in the dialog, a 2xx to it, then the
/// transferee's NOTIFYs until one reports its new call's final status. Success hangs up our leg; anything else
/// leaves the call as it was.
/// </summary>
internal static class CallTransfer
{
    public static async Task<bool> RunAsync(SipCall call, SipUserAgent ua, SipUri target, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        if (Begin(call, target) is not var (subscription, refer))
        {
            logger.LogInformation("Call {CallId}: transfer to {Target} not started: the call is not answered or another transfer is under way", call.CallId, target);
            return false;
        }
        // The deadline starts before the REFER leaves, so it bounds the whole exchange.
        using var deadline = new CancellationTokenSource(timeout, ua.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.EndedToken, deadline.Token);
        try
        {
            var outcome = await ReferAsync(call, ua, refer, subscription).WaitAsync(stop.Token).ConfigureAwait(false);
            if (outcome.Status is >= 200 and < 300)
            {
                logger.LogInformation("Call {CallId}: transferred to {Target}", call.CallId, target);
                await call.HangupAsync(CallEndCause.Transferred).ConfigureAwait(false);
                return true;
            }
            logger.LogInformation("Call {CallId}: transfer to {Target} failed: {Reason}", call.CallId, target, outcome.Reason);
            return false;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Call {CallId}: transfer to {Target} failed: no outcome within {Seconds} s", call.CallId, target, timeout.TotalSeconds);
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Call {CallId}: transfer to {Target} abandoned: the call ended", call.CallId, target);
            return false;
        }
        finally
        {
            call.Locked(c => c.Transfer = ReferenceEquals(c.Transfer, subscription) ? null : c.Transfer);
        }
    }

    /// <summary>The REFER to send and the subscription its NOTIFYs report to; null unless answered and not transferring.</summary>
    private static (ReferSubscription Subscription, SipRequest Refer)? Begin(SipCall call, SipUri target) => call.Locked<(ReferSubscription, SipRequest)?>(c =>
    {
        if (c.State != SipCallState.Active || c.Transfer is not null) return null;
        var refer = c.Dialog.CreateRequest(SipMethods.Refer);
        refer.Headers.Add(HeaderNames.ReferTo, $"<{target}>");
        // RFC 3515 §2.4.4: the NOTIFYs name this subscription by the REFER's CSeq.
        c.Transfer = new ReferSubscription(c.Dialog.LocalSequence);
        return (c.Transfer, refer);
    });

    private static async Task<(int Status, string Reason)> ReferAsync(SipCall call, SipUserAgent ua, SipRequest refer, ReferSubscription subscription)
    {
        var response = await ua.SendInDialogAsync(call, refer).ConfigureAwait(false);
        // RFC 3515 §2.4.2: 202 Accepted; any 2xx means the transferee took the request.
        if (response is null) return (0, "REFER got no response");
        if (!response.IsSuccess) return (response.StatusCode, $"REFER answered {response.StatusCode} {response.ReasonPhrase}");
        var status = await subscription.Outcome.ConfigureAwait(false);
        return (status, status == 0 ? "the subscription ended without a final status" : $"the transferee's call ended with {status}");
    }
}
