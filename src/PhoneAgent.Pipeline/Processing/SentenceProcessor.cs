using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>Aggregates streamed reply text into sentences and clauses (<see cref="TextChunker"/>) so synthesis can start on the first while the agent writes the rest.</summary>
internal sealed class SentenceProcessor(FrameQueue input, FrameQueue output, TurnTracker turns, int minClauseLength, ILogger logger)
    : FrameProcessor(input, turns, logger)
{
    private readonly TextChunker _chunker = new(minClauseLength);
    private long _turnId;

    protected override ValueTask ProcessAsync(Frame frame, CancellationToken cancellationToken)
    {
        if (frame.TurnId != _turnId)
        {
            // Text left over from an earlier turn was never finished; it must not prefix this one.
            _chunker.Reset();
            _turnId = frame.TurnId;
        }

        switch (frame)
        {
            case InterruptionFrame:
                _chunker.Reset();
                break;
            case AgentTextFrame text:
                foreach (var sentence in _chunker.Append(text.Text)) output.Enqueue(new SentenceFrame(frame.TurnId, sentence));
                break;
            case AgentTurnEndFrame end:
                if (_chunker.Flush() is { } rest) output.Enqueue(new SentenceFrame(frame.TurnId, rest));
                output.Enqueue(end);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
