using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Conversation;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// The conversation's serial point. Turns each caller utterance (final transcript) or key press into a bot turn:
/// interrupts the turn in flight if it allows that (or waits for it, e.g. a non-interruptible greeting), so that its
/// heard text is in the history before the caller's new message, then hands the history to the agent. It also ends
/// the call when a goodbye or transfer announcement has played.
/// </summary>
/// <remarks>A key press reaches the agent as a user message <c>[DTMF 5]</c>, so any agent can react to it without a new API.</remarks>
internal sealed class UserTurnAggregator(
    FrameQueue input,
    FrameQueue agentInput,
    TurnTracker turns,
    Playout playout,
    ConversationHistory history,
    ICallControl call,
    IConversationObserver observer,
    ILogger logger)
{
    private DateTimeOffset? _speechEndedAt;

    /// <summary>The text a key press becomes in the conversation.</summary>
    public static string DtmfMessage(char digit) => $"[DTMF {digit}]";

    /// <summary>Runs until the call is ended by the bot (returns true) or the queue completes (false).</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        while (await input.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            try
            {
                switch (frame)
                {
                    case UserStartedSpeakingFrame started:
                        logger.LogDebug("Caller started speaking at {At:O}", started.At);
                        break;
                    case UserStoppedSpeakingFrame stopped:
                        _speechEndedAt = stopped.SpeechEndedAt;
                        break;
                    case TranscriptFrame { Text.Length: 0 }:
                        logger.LogDebug("Nothing recognised in the caller's utterance");
                        _speechEndedAt = null;
                        break;
                    case TranscriptFrame transcript:
                        await StartTurnAsync(transcript.Text, _speechEndedAt, transcript.At, cancellationToken).ConfigureAwait(false);
                        _speechEndedAt = null;
                        break;
                    case DtmfFrame dtmf:
                        Notify(() => observer.OnDtmf(dtmf.Digit));
                        await StartTurnAsync(DtmfMessage(dtmf.Digit), null, null, cancellationToken).ConfigureAwait(false);
                        break;
                    case EndCallFrame end:
                        if (await EndCallAsync(end, cancellationToken).ConfigureAwait(false)) return true;
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Handling {Frame} failed; the call continues", frame.GetType().Name);
            }
        }

        return false;
    }

    private async Task StartTurnAsync(string userText, DateTimeOffset? speechEndedAt, DateTimeOffset? sttFinalAt, CancellationToken cancellationToken)
    {
        if (turns.Current is { } current && !current.Done.IsCompleted)
        {
            if (current.AllowInterruptions) current.Interrupt();
            await current.Done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Caller: \"{Text}\"", userText);
        history.Add(ChatRole.User, userText);
        var handle = turns.Begin(allowInterruptions: true, userText);
        handle.Metrics.CallerTurn(speechEndedAt, sttFinalAt);
        playout.Begin(handle);
        agentInput.Enqueue(new UserTurnFrame(handle.Id, history.Snapshot()));
    }

    private async Task<bool> EndCallAsync(EndCallFrame end, CancellationToken cancellationToken)
    {
        if (end.TransferTarget is null)
        {
            logger.LogInformation("Turn {TurnId}: the agent ended the call", end.TurnId);
            await call.HangupAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        logger.LogInformation("Turn {TurnId}: transferring the caller to {Target}", end.TurnId, end.TransferTarget);
        if (await call.TransferAsync(end.TransferTarget, cancellationToken).ConfigureAwait(false)) return true;

        // The agent learns of the failure from the history and can tell the caller on the next turn.
        logger.LogWarning("Turn {TurnId}: transfer to {Target} failed; the call continues", end.TurnId, end.TransferTarget);
        history.Add(ChatRole.System, $"The transfer to {end.TransferTarget} failed.");
        return false;
    }

    private void Notify(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Conversation observer failed");
        }
    }
}
