using PhoneAgent.Host.CallRecords;
using PhoneAgent.Host.Calls;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Sip.Calls;
using PhoneAgent.Sip.Media.Session;

namespace PhoneAgent.Host.Conversation;

/// <summary>
/// Runs one answered call's conversation: the pipeline over the call's RTP session, with the call's record as its
/// observer, until the caller's media ends, the bot ends the call, or the caller's RTP stops (then it hangs up with
/// <see cref="CallEndCause.MediaTimeout"/>).
/// </summary>
public sealed class ConversationRunner(SpeechServices speech, TimeProvider time, ILoggerFactory loggerFactory)
{
    /// <summary>Runs the conversation on <paramref name="port"/> until it ends or <paramref name="cancellationToken"/> fires (the call ended).</summary>
    public async Task RunAsync(SipCall call, RtpAudioPort port, CallSession? record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(port);
        var logger = loggerFactory.CreateLogger($"PhoneAgent.Conversation.{call.CallId}");
        using var onset = speech.CreateOnsetDetector();
        using var confirm = speech.CreateConfirmDetector();
        using var arrivalOnset = speech.CreateOnsetDetector();
        var pipeline = new ConversationPipeline(
            port, new SipCallControl(call, logger), onset, confirm, speech.SpeechToText, speech.Agent, speech.TextToSpeech,
            speech.Conversation, time, logger, new CallRecordObserver(record, logger), arrivalOnset);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = pipeline.RunAsync(stop.Token);
        try
        {
            if (await Task.WhenAny(run, port.Inactive).ConfigureAwait(false) != run)
            {
                var inactive = await port.Inactive.ConfigureAwait(false);
                logger.LogWarning("No RTP from the caller for {Seconds} s; hanging up", inactive.Silence.TotalSeconds);
                await stop.CancelAsync().ConfigureAwait(false);
                await call.HangupAsync(CallEndCause.MediaTimeout).ConfigureAwait(false);
            }

            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
