using System.Diagnostics;
using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Metrics;
using PhoneAgent.Sip.Calls;

namespace PhoneAgent.Host.Calls;

/// <summary>
/// Wraps the call handler the user agent runs: opens the call's record, counts it in the metrics, traces it,
/// and when the call ends writes its outcome. The wrapped handler does the media and the conversation.
/// </summary>
public sealed class ObservedCallHandler(ISipCallHandler inner, CallRegistry registry, PhoneAgentMetrics metrics, ILogger<ObservedCallHandler> logger) : ISipCallHandler
{
    /// <inheritdoc />
    public async Task HandleCallAsync(SipCall call, CancellationToken cancellationToken)
    {
        using var activity = PhoneAgentTelemetry.ActivitySource.StartActivity("call", ActivityKind.Server);
        activity?.SetTag("sip.call_id", call.CallId);
        var session = registry.Open(call);
        metrics.ActiveCalls.Add(1);
        CallEnded? ended = null;
        try
        {
            try
            {
                await inner.HandleCallAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (call.EndedToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // As the user agent would: a failed handler ends its call rather than leaving the caller in silence.
                logger.LogError(e, "Call handler failed for {CallId}; hanging up", call.CallId);
                await call.HangupAsync().ConfigureAwait(false);
            }

            ended = await call.Completion.ConfigureAwait(false);
            session.SetEnded(ended);
            activity?.SetTag("phoneagent.end_cause", ended.Cause.ToString());
        }
        finally
        {
            metrics.ActiveCalls.Add(-1);
            registry.Close(call);

            // Counted last, so that whoever sees the call counted also sees it gone from the gauge and from /calls.
            if (ended is not null) metrics.RecordCallEnded(ended.Cause);
        }
    }
}
