using Microsoft.Extensions.Logging;
using PhoneAgent.Pipeline.Audio;
using PhoneAgent.Pipeline.Frames;
using PhoneAgent.Pipeline.Turns;
using PhoneAgent.Pipeline.Vad;

namespace PhoneAgent.Pipeline.Processing;

/// <summary>
/// The caller side: scores each port frame with both detectors, feeds the <see cref="TurnDetector"/>, acts on its
/// events in the same iteration (so a barge-in cut happens within the frame that carried the onset), gives the caller's
/// speech (with a short pre-roll) to the recogniser and reports turn boundaries to the <see cref="UserTurnAggregator"/>.
/// </summary>
internal sealed class InputProcessor(
    IAudioPort port,
    IVoiceActivityDetector onsetDetector,
    IVoiceActivityDetector confirmDetector,
    TurnDetector detector,
    int preRollFrames,
    SpeechRecognizer recognizer,
    BargeInController bargeIn,
    Playout playout,
    FrameQueue userTurns,
    TurnTracker turns,
    TimeProvider time,
    ILogger logger)
{
    private static readonly TimeSpan FrameDuration = PipelineAudio.Duration(PipelineAudio.FrameSamples);
    private readonly Queue<short[]> _preRoll = new();
    private readonly HashSet<IVoiceActivityDetector> _failed = [];
    private bool _hadOnset;

    /// <summary>Processes caller frames until the port's input completes (the call's media ended).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in port.Input.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                Process(frame);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Processing a caller frame failed; the call continues");
            }
        }

        recognizer.EndInput();
    }

    private void Process(short[] frame)
    {
        playout.OnTick();
        var wasSilent = detector.State == TurnState.Silence;
        var complete = recognizer.UtteranceComplete;
        var e = detector.Process(Score(onsetDetector, frame), Score(confirmDetector, frame), complete);
        if (wasSilent && detector.State != TurnState.Silence)
        {
            while (_preRoll.TryDequeue(out var earlier)) recognizer.Push(earlier);
        }

        if (detector.State != TurnState.Silence || e is TurnEvent.EndOfTurn or TurnEvent.Rejected)
        {
            // pocketsphinx scores a silent frame as dearly as a spoken one, and a turn whose words are not yet judged
            // complete waits out the full end-of-turn silence: at 50 conversing calls that silence was a lagging
            // recogniser's extra work, which made it lag further. The frame that ends the turn still goes, so the
            // utterance closes on audio.
            if (!detector.PastShortestEnd) recognizer.Push(frame);
        }
        else
        {
            _preRoll.Enqueue(frame);
            while (_preRoll.Count > preRollFrames) _preRoll.Dequeue();
        }

        switch (e)
        {
            case TurnEvent.Onset:
                _hadOnset = true;
                bargeIn.OnOnset();
                break;
            case TurnEvent.Confirmed:
                bargeIn.OnConfirmed(_hadOnset);
                _hadOnset = false;
                userTurns.Enqueue(new UserStartedSpeakingFrame(turns.Current?.Id ?? 0, time.GetUtcNow()));
                break;
            case TurnEvent.Rejected:
                _hadOnset = false;
                recognizer.Discard();
                bargeIn.OnRejected();
                break;
            case TurnEvent.EndOfTurn:
                if (complete) logger.LogDebug("Complete turn: ended after {Silence} ms of silence", (detector.SilentFrames * FrameDuration).TotalMilliseconds);
                recognizer.Flush();
                var speechEnded = time.GetUtcNow() - detector.SilentFrames * FrameDuration;
                userTurns.Enqueue(new UserStoppedSpeakingFrame(turns.Current?.Id ?? 0, speechEnded));
                break;
        }

        bargeIn.OnFrame(detector.State == TurnState.Silence);
    }

    private float Score(IVoiceActivityDetector vad, short[] frame)
    {
        try
        {
            return vad.Process(frame);
        }
        catch (Exception e)
        {
            // A detector that throws scores silence; log once per detector, not every 20 ms.
            if (_failed.Add(vad)) logger.LogError(e, "Voice activity detector {Vad} failed; treating its frames as silence", vad.Name);
            return 0;
        }
    }
}
