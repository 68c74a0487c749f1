using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Tts;
using PhoneAgent.Pipeline.Turns;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// Synthesises each sentence, streaming its audio downstream as it comes, and closes it with a
/// <see cref="TtsSentenceEndFrame"/>. A sentence that fails to synthesise is replaced by the apology if possible.
/// </summary>
internal sealed class TtsProcessor(FrameQueue input, FrameQueue output, ITextToSpeech tts, TurnTracker turns, string apology, ILogger logger)
    : FrameProcessor(input, turns, logger)
{
    protected override async ValueTask ProcessAsync(Frame frame, CancellationToken cancellationToken)
    {
        switch (frame)
        {
            case SentenceFrame sentence when Turns.Live(sentence.TurnId) is { } handle:
                if (!await SpeakAsync(sentence.TurnId, sentence.Text, handle.Token, handle.Metrics).ConfigureAwait(false)
                    && !handle.Token.IsCancellationRequested && sentence.Text != apology)
                {
                    await SpeakAsync(sentence.TurnId, apology, handle.Token, handle.Metrics).ConfigureAwait(false);
                }

                break;
            case AgentTurnEndFrame end:
                output.Enqueue(end);
                break;
        }
    }

    private async Task<bool> SpeakAsync(long turnId, string text, CancellationToken token, Metrics.TurnMetricsRecorder metrics)
    {
        try
        {
            await foreach (var pcm in tts.SynthesizeAsync(text, token).WithCancellation(token).ConfigureAwait(false))
            {
                if (pcm.Length == 0) continue;
                metrics.TtsFirstAudio();
                output.Enqueue(new TtsAudioFrame(turnId, text, pcm));
            }

            return true;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e)
        {
            Logger.LogError(e, "Synthesis by {Tts} failed in turn {TurnId} for \"{Text}\"", tts.Name, turnId, text);
            return false;
        }
        finally
        {
            output.Enqueue(new TtsSentenceEndFrame(turnId, text));
        }
    }
}
