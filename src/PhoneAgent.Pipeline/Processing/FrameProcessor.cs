using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// One stage of the bot's side of the pipeline: reads its <see cref="FrameQueue"/>, drops data frames of stale turns
/// before they do any work, and survives any exception a frame causes (logged; the call goes on).
/// </summary>
internal abstract class FrameProcessor(FrameQueue input, TurnTracker turns, ILogger logger)
{
    /// <summary>The call's turns, for looking up the live handle of a frame's turn.</summary>
    protected TurnTracker Turns { get; } = turns;

    /// <summary>The pipeline's logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>Processes frames until the queue completes or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await input.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            if (frame is DataFrame && Turns.IsStale(frame.TurnId))
            {
                Logger.LogTrace("{Processor}: dropped stale {Frame}", GetType().Name, frame.GetType().Name);
                continue;
            }

            try
            {
                await ProcessAsync(frame, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                Logger.LogError(e, "{Processor} failed on {Frame} of turn {TurnId}; the call continues", GetType().Name, frame.GetType().Name, frame.TurnId);
            }
        }
    }

    /// <summary>Handles one frame that is not stale.</summary>
    protected abstract ValueTask ProcessAsync(Frame frame, CancellationToken cancellationToken);
}
