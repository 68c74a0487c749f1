using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Agents;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Runs the agent for each caller turn and streams its reply downstream as <see cref="AgentTextFrame"/>s, ending with
/// an <see cref="AgentTurnEndFrame"/> that carries a hang-up or transfer request. If the agent fails, the caller gets
/// the apology instead of silence.
/// </summary>
internal sealed class AgentProcessor(FrameQueue input, FrameQueue output, IAgent agent, TurnTracker turns, string apology, ILogger logger)
    : FrameProcessor(input, turns, logger)
{
    protected override async ValueTask ProcessAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (frame is not UserTurnFrame turn || Turns.Live(turn.TurnId) is not { } handle) return;
        var endCall = false;
        string? transfer = null;
        try
        {
            await foreach (var item in agent.RespondAsync(turn.History, handle.Token).WithCancellation(handle.Token).ConfigureAwait(false))
            {
                if (item is AgentText { Text.Length: > 0 } text)
                {
                    handle.Metrics.AgentFirstToken();
                    output.Enqueue(new AgentTextFrame(turn.TurnId, text.Text));
                }
                else if (item is AgentEndCall or AgentTransfer)
                {
                    endCall = true;
                    transfer = (item as AgentTransfer)?.Target;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (handle.Token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Logger.LogError(e, "Agent {Agent} failed in turn {TurnId}; apologising", agent.Name, turn.TurnId);
            output.Enqueue(new AgentTextFrame(turn.TurnId, " " + apology));
        }

        output.Enqueue(new AgentTurnEndFrame(turn.TurnId, endCall, transfer));
    }
}
