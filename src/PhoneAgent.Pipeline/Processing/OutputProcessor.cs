using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>Hands synthesised audio to the <see cref="Playout"/> and records the turn's hang-up or transfer request for when it has played.</summary>
internal sealed class OutputProcessor(FrameQueue input, Playout playout, TurnTracker turns, ILogger logger)
    : FrameProcessor(input, turns, logger)
{
    protected override ValueTask ProcessAsync(Frame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case TtsAudioFrame audio:
                playout.Append(audio.TurnId, audio.Text, audio.Pcm);
                break;
            case TtsSentenceEndFrame end:
                playout.EndSentence(end.TurnId, end.Text);
                break;
            case AgentTurnEndFrame end:
                if (Turns.Live(end.TurnId) is { } handle)
                {
                    handle.EndCall = end.EndCall;
                    handle.TransferTarget = end.TransferTarget;
                }

                playout.EndSpeech(end.TurnId);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
